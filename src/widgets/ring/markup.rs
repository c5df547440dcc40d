//! The few interactive or animated parts of the ring (markers, moved keys and
//! their journey, the preference list, removed nodes' ghosts) as one small
//! SVG string laid over the painted canvas.

use super::layout::{Marker, RingView, C, MANY_MARKERS, R_KEYS};
use super::paint::{node_name, STAGGER_MS};
use crate::decimal::fixed;
use crate::draw::markup::cmd;
use crate::draw::math;
use crate::draw::palette::text_on;
use std::f64::consts::{PI, TAU};
use std::fmt::Write as _;

/// Appends the SVG path data of an arc on the circle of radius `r`.
fn push_arc(d: &mut String, (start, sweep): (f64, f64), r: f64) {
    let point = |a: f64| (C + r * math::cos(a), C + r * math::sin(a));
    let (x0, y0) = point(start);
    if sweep >= TAU - 1e-9 {
        // One arc cannot end where it starts: two halves.
        let (x1, y1) = point(start + PI);
        cmd(d, 'M', &[x0, y0]);
        cmd(d, 'A', &[r, r]);
        d.push_str(" 0 1 1");
        cmd(d, ' ', &[x1, y1]);
        cmd(d, 'A', &[r, r]);
        d.push_str(" 0 1 1");
        cmd(d, ' ', &[x0, y0]);
        return;
    }
    let (x1, y1) = point(start + sweep);
    let large = u8::from(sweep > PI);
    cmd(d, 'M', &[x0, y0]);
    cmd(d, 'A', &[r, r]);
    let _ = write!(d, " 0 {large} 1");
    cmd(d, ' ', &[x1, y1]);
}

/// Appends a dot for each centre, as zero-length path segments with round caps.
fn push_dots(d: &mut String, dots: &[(f64, f64)]) {
    for &(x, y) in dots {
        cmd(d, 'M', &[x, y]);
        d.push_str("h0");
    }
}

impl RingView {
    /// The interactive and animated parts as SVG markup: moved keys (each
    /// ringed in its old owner's colour, filled with its new owner's), their
    /// journey from the old owner's marker past their spot to the new owner's
    /// (animated; a still trail under reduced motion), the preference list,
    /// the removed nodes' ghosts and the node markers. Numbers and fixed
    /// colours only, so nothing needs escaping; a few hundred elements at most.
    pub fn markup(&self) -> String {
        let mut out = self.moved_markup();
        out.push_str(&self.marks_markup());
        out
    }

    /// The moved keys and their journeys: set again only when they change,
    /// so another control's input neither replays nor re-parses them.
    pub fn moved_markup(&self) -> String {
        let mut out = String::with_capacity(16 * 1024);
        let total: usize = self.moved.iter().map(|m| m.dots.len()).sum();
        let mut i = 0usize;
        let mut packets = String::new();
        for m in &self.moved {
            let mut d = String::new();
            push_dots(&mut d, &m.dots);
            let mut trail = String::new();
            for &(x, y) in &m.dots {
                cmd(&mut trail, 'M', &[m.from_at.0, m.from_at.1]);
                cmd(&mut trail, 'L', &[x, y]);
                cmd(&mut trail, 'L', &[m.to_at.0, m.to_at.1]);
                let delay = (i as u64 * u64::from(STAGGER_MS)) / (total.max(2) as u64 - 1);
                i += 1;
                let _ = write!(
                    packets,
                    r#"<circle class="packet" r="3.4" style="--x0:{}px;--y0:{}px;--kx:{}px;--ky:{}px;--x1:{}px;--y1:{}px;--d:{delay}ms"></circle>"#,
                    fixed(m.from_at.0, 1),
                    fixed(m.from_at.1, 1),
                    fixed(x, 1),
                    fixed(y, 1),
                    fixed(m.to_at.0, 1),
                    fixed(m.to_at.1, 1),
                );
            }
            let _ = write!(
                out,
                r#"<g class="moved" data-from="{}" data-to="{}" style="--from:{};--to:{}"><path class="trail" d="{trail}"></path><path class="moved-halo" d="{d}"></path><path class="moved-dot" d="{d}"></path><g class="packets">{packets}</g></g>"#,
                m.from_id, m.to_id, m.from, m.to
            );
            packets.clear();
        }
        out
    }

    /// The preference list, the removed nodes' ghosts and the node markers.
    pub fn marks_markup(&self) -> String {
        let mut out = String::with_capacity(4 * 1024);
        if let Some(p) = &self.preference {
            let mut walk = String::new();
            for &leg in &p.walk {
                push_arc(&mut walk, leg, R_KEYS - 14.0);
            }
            let _ = write!(
                out,
                r#"<g class="preference"><path class="pref-walk" d="{}"></path><circle class="pref-key" cx="{}" cy="{}" r="5"></circle><text class="pref-label" x="{}" y="{}" dy="0.35em" text-anchor="middle">key-{}</text>"#,
                walk,
                fixed(p.key.0, 1),
                fixed(p.key.1, 1),
                fixed(p.label.0, 1),
                fixed(p.label.1, 1),
                p.index
            );
            for (x, y, id, rank) in &p.replicas {
                let (x, y) = (fixed(*x, 1), fixed(*y, 1));
                let _ = write!(
                    out,
                    r#"<g class="pref-replica" data-node="{id}"><circle cx="{x}" cy="{y}" r="10"></circle><text x="{x}" y="{y}" dy="0.35em" text-anchor="middle">R{rank}</text></g>"#
                );
            }
            out.push_str("</g>");
        }
        let many = self.markers.len() > MANY_MARKERS;
        for m in &self.gone {
            let _ = write!(
                out,
                r#"<g class="ghost" data-node="{id}"><title>{name}, removed</title><circle cx="{x}" cy="{y}" r="11" style="stroke:{c}"></circle><text x="{x}" y="{y}" dy="0.35em" text-anchor="middle">{name}</text></g>"#,
                id = m.id,
                name = node_name(m.id),
                x = fixed(m.x, 1),
                y = fixed(m.y, 1),
                c = m.colour
            );
        }
        for m in &self.markers {
            marker_markup(&mut out, m, many);
        }
        out
    }
}

/// One node's marker: a dot in its colour with its name.
fn marker_markup(out: &mut String, m: &Marker, many: bool) {
    let r: u8 = if many { 5 } else { 11 };
    let name = node_name(m.id);
    let _ = write!(
        out,
        r#"<g class="marker" data-node="{id}"><title>Node {name}</title><circle cx="{x}" cy="{y}" r="{r}" style="fill:{c}"></circle>"#,
        id = m.id,
        x = fixed(m.x, 1),
        y = fixed(m.y, 1),
        c = m.colour
    );
    if !many {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" dy="0.35em" text-anchor="middle" style="fill:{}">{name}</text>"#,
            fixed(m.x, 1),
            fixed(m.y, 1),
            text_on(m.colour),
        );
    }
    out.push_str("</g>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_with_one_decimal() {
        let mut s = String::new();
        cmd(&mut s, 'M', &[12.34, -0.06, 7.0, -3.25]);
        assert_eq!(s, "M12.3 -0.1 7 -3.3");
    }
}
