//! Which key does what. Presenter remotes send PageUp/PageDown for their
//! arrows and `.` or `b` for their "blank screen" button, so those are mapped
//! too.

/// What a key asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Show or hide the shortcut overlay (`?`).
    Help,
    /// Enter or leave presenter mode (`p`).
    Presenter,
    /// Leave presenter mode or close the overlay (Escape).
    Escape,
    /// Play or pause the widget's animation (space, `.`, `b`).
    PlayPause,
    /// One step back: the previous scene on a tour or in presenter mode, else
    /// a step of the simulation.
    Back,
    /// One step forward.
    Forward,
    /// A step back in the scene's own timeline (on a tour or in presenter mode).
    Earlier,
    /// A step forward in the scene's own timeline.
    Later,
    /// Back to the state the page was opened with (`r`).
    Reset,
    /// Start the widget's tour (`t`).
    Tour,
    /// The widget's preset with this index, from 0 (`1`–`9`).
    Preset(u8),
}

/// Where the key was pressed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// Focus is in a text field, slider, select or editable text: keys belong to it.
    pub in_field: bool,
    /// Focus is on a button or link, where space and Enter already act.
    pub on_button: bool,
    /// Ctrl, Alt or Meta is held: the browser's or the system's shortcut.
    pub modified: bool,
}

/// The action for `key` (a `KeyboardEvent.key` value), if any.
pub fn action(key: &str, at: Context) -> Option<Action> {
    if at.in_field || at.modified {
        return None;
    }
    Some(match key {
        "?" => Action::Help,
        "p" | "P" => Action::Presenter,
        "Escape" => Action::Escape,
        " " if at.on_button => return None,
        " " | "." | "b" | "B" => Action::PlayPause,
        "ArrowLeft" | "PageUp" => Action::Back,
        "ArrowRight" | "PageDown" => Action::Forward,
        "ArrowUp" => Action::Earlier,
        "ArrowDown" => Action::Later,
        "r" | "R" => Action::Reset,
        "t" | "T" => Action::Tour,
        k if k.len() == 1 && ('1'..='9').contains(&k.chars().next().unwrap_or('0')) => {
            Action::Preset(k.as_bytes()[0] - b'1')
        }
        _ => return None,
    })
}

/// The overlay's table: keys and what they do, in the order shown.
pub const HELP: &[(&str, &str)] = &[
    ("Space, . or b", "play or pause the animation"),
    (
        "← →, PgUp PgDn",
        "the previous or next scene on a tour and in presenter mode; else a step of the simulation",
    ),
    (
        "↑ ↓",
        "a step back or forward in the scene's timeline, on a tour and in presenter mode",
    ),
    ("1 – 9", "the widget's presets"),
    ("r", "back to the state the link opened with"),
    ("t", "start the widget's tour"),
    (
        "p",
        "presenter mode: full screen, large type, high contrast",
    ),
    ("Escape", "leave presenter mode or close this overlay"),
    ("?", "show or hide these shortcuts"),
];

#[cfg(test)]
mod tests {
    use super::*;

    const FREE: Context = Context {
        in_field: false,
        on_button: false,
        modified: false,
    };

    #[test]
    fn every_documented_key_does_something() {
        assert_eq!(action("?", FREE), Some(Action::Help));
        assert_eq!(action("p", FREE), Some(Action::Presenter));
        assert_eq!(action("Escape", FREE), Some(Action::Escape));
        for k in [" ", ".", "b"] {
            assert_eq!(action(k, FREE), Some(Action::PlayPause), "{k:?}");
        }
        for k in ["ArrowLeft", "PageUp"] {
            assert_eq!(action(k, FREE), Some(Action::Back));
        }
        for k in ["ArrowRight", "PageDown"] {
            assert_eq!(action(k, FREE), Some(Action::Forward));
        }
        assert_eq!(action("ArrowUp", FREE), Some(Action::Earlier));
        assert_eq!(action("ArrowDown", FREE), Some(Action::Later));
        assert_eq!(action("r", FREE), Some(Action::Reset));
        assert_eq!(action("t", FREE), Some(Action::Tour));
        assert_eq!(action("1", FREE), Some(Action::Preset(0)));
        assert_eq!(action("9", FREE), Some(Action::Preset(8)));
        assert_eq!(action("0", FREE), None);
        assert_eq!(action("x", FREE), None);
        assert_eq!(
            action("F", FREE),
            None,
            "F stays the rate limiter's fire key"
        );
    }

    #[test]
    fn nothing_fires_inside_a_field_or_with_a_modifier() {
        let field = Context {
            in_field: true,
            ..FREE
        };
        let modified = Context {
            modified: true,
            ..FREE
        };
        for k in [
            "?",
            "p",
            " ",
            "ArrowLeft",
            "ArrowRight",
            "r",
            "1",
            "Escape",
            "PageDown",
        ] {
            assert_eq!(action(k, field), None, "{k:?} in a field");
            assert_eq!(action(k, modified), None, "{k:?} with a modifier");
        }
    }

    #[test]
    fn space_on_a_button_is_the_buttons() {
        let on_button = Context {
            on_button: true,
            ..FREE
        };
        assert_eq!(action(" ", on_button), None);
        assert_eq!(action("ArrowRight", on_button), Some(Action::Forward));
    }
}
