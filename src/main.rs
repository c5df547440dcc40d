//! The shell's binary: header, gallery and 404, no widget. Each widget's page
//! has a binary of its own in `src/bin/` (see `dials::bundle`).

fn main() {
    dials::app::start(dials::app::pages::SHELL);
}
