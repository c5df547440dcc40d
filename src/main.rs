//! Entry point: install the crash panel and mount the app.

fn main() {
    dials::embed::panic_panel::install();
    leptos::mount::mount_to_body(dials::app::App);
}
