//! Visible, dismissible messages about link parameters that could not be used.

use leptos::prelude::*;

/// A message about one query parameter that could not be used as given.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Notice {
    /// The parameter's name as it appeared in the link.
    pub param: String,
    /// What was wrong and what was used instead, in a sentence.
    pub message: String,
}

/// A list of notices, each with a dismiss button; nothing when empty.
#[component]
pub fn NoticeList(
    /// The notices; dismissing one removes it from here.
    notices: RwSignal<Vec<Notice>>,
) -> impl IntoView {
    // A plain closure rather than a keyed list: notices are few and rarely change,
    // and the keyed-list machinery costs bundle size for nothing here.
    move || {
        let list = notices.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="notices" role="status" aria-live="polite">
                    {list
                        .into_iter()
                        .enumerate()
                        .map(|(i, n)| {
                            let label = format!("Dismiss the notice about {}", n.param);
                            let param = n.param.clone();
                            view! {
                                <div class="notice" data-param=param>
                                    <span>"Link parameter "<code>{n.param}</code>": "{n.message}</span>
                                    <button
                                        type="button"
                                        class="notice-dismiss"
                                        aria-label=label
                                        on:click=move |_| notices.update(|v| {
                                            if i < v.len() {
                                                v.remove(i);
                                            }
                                        })
                                    >"×"</button>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            }
        })
    }
}
