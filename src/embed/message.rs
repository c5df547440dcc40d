//! The small message schema an embed and its host page exchange (see
//! `docs/embedding.md`): every message carries [`SOURCE`] and [`VERSION`];
//! the embed sends `ready` and `height`, the host `theme`. Pure: read and
//! checked here, tested natively; [`super::host`] sends and receives them.

use crate::ui::theme::ThemeChoice;

/// The message schema's version.
pub const VERSION: u32 = 1;
/// The `source` field every message carries.
pub const SOURCE: &str = "dials";

/// A message as it crosses between the host page and an embed: the schema's
/// fields, read and written with serde. Unknown fields are ignored; a missing
/// or mistyped one fails to read and the message is dropped.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Wire {
    /// Always [`SOURCE`].
    pub source: String,
    /// Always [`VERSION`].
    pub version: f64,
    /// `ready` and `height` (embed to host) or `theme` (host to embed).
    #[serde(rename = "type")]
    pub kind: String,
    /// For `theme`: `auto`, `light` or `dark`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// For `height` (and `ready`, unless the embed fits its frame): the
    /// document's height in CSS pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<f64>,
}

impl Wire {
    /// The message an embed sends when its height changes.
    pub fn height(height: f64) -> Wire {
        Wire {
            source: SOURCE.to_owned(),
            version: f64::from(VERSION),
            kind: "height".to_owned(),
            theme: None,
            height: Some(height),
        }
    }

    /// The message an embed sends once, when it is mounted: the host answers
    /// with whatever it has set (the theme), so the order in which the host
    /// page and its embeds load never matters. With its height, unless the
    /// embed fits a frame the host sized.
    pub fn ready(height: Option<f64>) -> Wire {
        Wire {
            kind: "ready".to_owned(),
            height,
            ..Wire::height(0.0)
        }
    }

    /// What the host asks for, if the message keeps to the schema.
    pub fn from_host(&self) -> Option<HostMessage> {
        host_message(
            Some(&self.source),
            Some(self.version),
            Some(&self.kind),
            self.theme.as_deref(),
        )
    }
}

/// A message from the host page, once checked against the schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostMessage {
    /// Switch the colour scheme.
    Theme(ThemeChoice),
}

/// Checks a host message given as its fields; anything off-schema is `None`.
pub fn host_message(
    source: Option<&str>,
    version: Option<f64>,
    kind: Option<&str>,
    theme: Option<&str>,
) -> Option<HostMessage> {
    if source != Some(SOURCE) || version != Some(f64::from(VERSION)) {
        return None;
    }
    match (kind, theme) {
        (Some("theme"), Some("auto")) => Some(HostMessage::Theme(ThemeChoice::Auto)),
        (Some("theme"), Some("light")) => Some(HostMessage::Theme(ThemeChoice::Light)),
        (Some("theme"), Some("dark")) => Some(HostMessage::Theme(ThemeChoice::Dark)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_host_messages_pass() {
        assert_eq!(
            host_message(Some("dials"), Some(1.0), Some("theme"), Some("dark")),
            Some(HostMessage::Theme(ThemeChoice::Dark))
        );
        assert_eq!(
            host_message(Some("dials"), Some(2.0), Some("theme"), Some("dark")),
            None
        );
        assert_eq!(
            host_message(Some("other"), Some(1.0), Some("theme"), Some("dark")),
            None
        );
        assert_eq!(
            host_message(Some("dials"), Some(1.0), Some("theme"), Some("<script>")),
            None
        );
        assert_eq!(
            host_message(Some("dials"), Some(1.0), Some("eval"), Some("dark")),
            None
        );
        assert_eq!(host_message(None, None, None, None), None);
    }

    #[test]
    fn wire_messages_keep_to_the_schema() {
        let h = Wire::height(512.0);
        assert_eq!(
            (h.source.as_str(), h.version, h.kind.as_str()),
            (SOURCE, 1.0, "height")
        );
        assert_eq!(h.height, Some(512.0));
        assert_eq!(h.from_host(), None, "a height is not a request");
        let r = Wire::ready(Some(300.0));
        assert_eq!(
            (r.kind.as_str(), r.height, r.version),
            ("ready", Some(300.0), 1.0)
        );
        assert_eq!(Wire::ready(None).height, None);
        assert_eq!(r.from_host(), None, "ready is not a request");
        let theme = |t: &str| Wire {
            kind: "theme".into(),
            theme: Some(t.into()),
            height: None,
            ..Wire::height(0.0)
        };
        assert_eq!(
            theme("dark").from_host(),
            Some(HostMessage::Theme(ThemeChoice::Dark))
        );
        assert_eq!(theme("neon").from_host(), None);
        assert_eq!(
            Wire {
                version: 2.0,
                ..theme("dark")
            }
            .from_host(),
            None
        );
    }
}
