//! The queues and load balancing page's binary: the shell and this one
//! widget, so the page downloads no other widget's code (see `dials::app::bundle`).

use dials::app::{bundle::Bundle, start};
use dials::widgets::queue::QueueWidget;

fn main() {
    start(Bundle::of::<QueueWidget>());
}
