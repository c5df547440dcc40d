//! The ring drawing laid out from plain data: node arcs, virtual-node ticks,
//! key dots, the keys the last change moved (with where they came from and
//! went), node markers (and the markers of nodes the change removed), and the
//! chosen key's preference list. [`super::paint`] draws it.

use crate::draw::math;
use crate::draw::palette::node_colour;
use std::collections::BTreeMap;
use std::f64::consts::{PI, TAU};

/// Side of the square the drawing is laid out in.
pub const SIDE: f64 = 400.0;
/// Centre of the 400×400 view box.
pub const C: f64 = 200.0;
/// Radius of the node band.
pub const R_RING: f64 = 140.0;
/// Radius the key dots sit on.
pub const R_KEYS: f64 = 118.0;
/// Radius of the node markers.
pub const R_MARKER: f64 = 172.0;
/// Most arc segments drawn; beyond this the ring is drawn at one-degree resolution.
pub const MAX_SEGMENTS: usize = 360;
/// Most virtual-node ticks drawn; beyond this they are denser than pixels.
pub const MAX_TICKS: usize = 1_200;
/// Most moved-key groups drawn.
const MAX_MOVED_GROUPS: usize = 200;
/// Past this many markers they are drawn small and without their names.
pub const MANY_MARKERS: usize = 24;

/// One key drawn on the ring.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeyDot {
    /// Ring position.
    pub hash: u64,
    /// Owner before the last change.
    pub before: u32,
    /// Owner now.
    pub after: u32,
}

/// Plain inputs for a ring drawing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RingInput {
    /// Ring positions, sorted by hash, with their physical node. Left empty for a
    /// dense ring, which is drawn from [`RingInput::bins`] instead.
    pub points: Vec<(u64, u32)>,
    /// For a dense ring: the owner of the middle of each of [`MAX_SEGMENTS`] equal
    /// slices of the circle (see [`bin_middle`]). Empty when `points` is given.
    pub bins: Vec<u32>,
    /// The keys to draw (a sample when there are many).
    pub keys: Vec<KeyDot>,
    /// One marker per node: its id and the position it is drawn at.
    pub markers: Vec<(u32, u64)>,
    /// Nodes the last change took away, drawn as ghosts where their marker was.
    pub gone: Vec<(u32, u64)>,
    /// The chosen key and its preference list.
    pub preference: Option<ChosenKey>,
}

/// The chosen key: its index, its position, and its preference list, each
/// replica's node with the ring position that makes it the next distinct node.
pub type ChosenKey = (u32, u64, Vec<(u32, u64)>);

/// One node's drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeLayer {
    /// Node id.
    pub id: u32,
    /// Its colour.
    pub colour: &'static str,
    /// The arcs it owns: start angle and clockwise sweep, in radians.
    pub arcs: Vec<(f64, f64)>,
    /// The angles of its virtual-node ticks (empty when ticks are hidden).
    pub ticks: Vec<f64>,
    /// Its key dots' centres.
    pub keys: Vec<(f64, f64)>,
}

/// Keys that moved from one node to another.
#[derive(Clone, Debug, PartialEq)]
pub struct MovedLayer {
    /// Old owner.
    pub from_id: u32,
    /// New owner.
    pub to_id: u32,
    /// Old owner's colour.
    pub from: &'static str,
    /// New owner's colour.
    pub to: &'static str,
    /// Where the old owner's marker is (or was).
    pub from_at: (f64, f64),
    /// Where the new owner's marker is.
    pub to_at: (f64, f64),
    /// The dots' centres.
    pub dots: Vec<(f64, f64)>,
}

/// A node marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// Node id.
    pub id: u32,
    /// Colour.
    pub colour: &'static str,
    /// Position.
    pub x: f64,
    /// Position.
    pub y: f64,
}

/// A preference list drawn as numbered rings around the replicas' positions.
#[derive(Clone, Debug, PartialEq)]
pub struct PreferenceView {
    /// The key's index (`key-7`).
    pub index: u32,
    /// The key's position.
    pub key: (f64, f64),
    /// Where the key's name is written: just inside the key circle.
    pub label: (f64, f64),
    /// The clockwise walk from the key past each replica: start angle and sweep
    /// of each leg, on a circle just inside the keys.
    pub walk: Vec<(f64, f64)>,
    /// Each replica's position, node id and rank (1 = owner).
    pub replicas: Vec<(f64, f64, u32, usize)>,
}

/// Everything the drawing shows, as numbers and colours.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RingView {
    /// One layer per node, in id order.
    pub layers: Vec<NodeLayer>,
    /// Moved keys grouped by (from, to).
    pub moved: Vec<MovedLayer>,
    /// Node markers.
    pub markers: Vec<Marker>,
    /// Markers of the nodes the last change took away.
    pub gone: Vec<Marker>,
    /// The preference list, if one is shown.
    pub preference: Option<PreferenceView>,
    /// Whether virtual-node ticks were drawn.
    pub ticks_drawn: bool,
    /// Whether arcs were drawn at reduced resolution.
    pub arcs_binned: bool,
}

/// The hash at the middle of slice `b` of [`MAX_SEGMENTS`].
pub fn bin_middle(b: usize) -> u64 {
    let (lo, hi) = bin_bounds(b as u64);
    lo + (hi - lo) / 2
}

fn bin_bounds(b: u64) -> (u64, u64) {
    let bin = u64::MAX / MAX_SEGMENTS as u64;
    let hi = if b + 1 == MAX_SEGMENTS as u64 {
        u64::MAX
    } else {
        (b + 1) * bin
    };
    (b * bin, hi)
}

/// Arcs `(from, to, owner)` of a ring: point i owns (point i−1, point i], and
/// runs of one owner merge into one arc.
fn point_segments(pts: &[(u64, u32)]) -> Vec<(u64, u64, u32)> {
    let n = pts.len();
    let mut segments: Vec<(u64, u64, u32)> = Vec::new();
    for i in 0..n {
        let (prev, _) = pts[(i + n - 1) % n];
        let (h, id) = pts[i];
        match segments.last_mut() {
            Some(last) if last.2 == id => last.1 = h,
            _ => segments.push((prev, h, id)),
        }
    }
    if segments.len() > 1 && segments[0].2 == segments[segments.len() - 1].2 {
        let last = segments.pop().unwrap_or_default();
        segments[0].0 = last.0;
    }
    segments
}

/// The owner of the middle of each of [`MAX_SEGMENTS`] slices, for sorted points.
pub(super) fn slice_owners(pts: &[(u64, u32)]) -> Vec<u32> {
    (0..MAX_SEGMENTS)
        .map(|b| {
            let mid = bin_middle(b);
            pts[pts.partition_point(|p| p.0 < mid) % pts.len()].1
        })
        .collect()
}

/// Arcs of a sliced ring: runs of slices with one owner merge into one arc.
fn bin_segments(bins: &[u32]) -> Vec<(u64, u64, u32)> {
    let mut segments: Vec<(u64, u64, u32)> = Vec::new();
    for (b, &id) in bins.iter().enumerate() {
        let (lo, hi) = bin_bounds(b as u64);
        match segments.last_mut() {
            Some(last) if last.2 == id => last.1 = hi,
            _ => segments.push((lo, hi, id)),
        }
    }
    segments
}

/// Angle of a hash position: 0 at the top, clockwise.
pub fn angle(hash: u64) -> f64 {
    (hash as f64 / 18_446_744_073_709_551_616.0) * 2.0 * PI - PI / 2.0
}

/// The point at `hash`'s angle on the circle of radius `r`.
pub fn at(hash: u64, r: f64) -> (f64, f64) {
    let a = angle(hash);
    (C + r * math::cos(a), C + r * math::sin(a))
}

/// The arc from position `from` clockwise to `to` as a start angle and a sweep;
/// equal positions make a full turn.
pub fn arc_of(from: u64, to: u64) -> (f64, f64) {
    let span = to.wrapping_sub(from);
    let sweep = if span == 0 {
        TAU
    } else {
        span as f64 / 18_446_744_073_709_551_616.0 * TAU
    };
    (angle(from), sweep)
}

/// Node `id`'s layer, made on first use.
fn layer_of(layers: &mut BTreeMap<u32, NodeLayer>, id: u32) -> &mut NodeLayer {
    layers.entry(id).or_insert_with(|| NodeLayer {
        id,
        colour: node_colour(id),
        arcs: Vec::new(),
        ticks: Vec::new(),
        keys: Vec::new(),
    })
}

fn marker(id: u32, hash: u64) -> Marker {
    let (x, y) = at(hash, R_MARKER);
    Marker {
        id,
        colour: node_colour(id),
        x,
        y,
    }
}

impl RingView {
    /// Lays out the drawing.
    pub fn build(input: &RingInput) -> RingView {
        let mut layers: BTreeMap<u32, NodeLayer> = BTreeMap::new();
        for &(id, _) in &input.markers {
            layer_of(&mut layers, id);
        }

        // Arcs: point i owns (point i−1, point i]. Merge runs of the same owner.
        let pts = &input.points;
        let mut arcs_binned = false;
        if pts.len() == 1 {
            let (h, id) = pts[0];
            layer_of(&mut layers, id).arcs.push(arc_of(h, h));
        } else if !pts.is_empty() || !input.bins.is_empty() {
            let mut segments = if input.bins.is_empty() {
                point_segments(pts)
            } else {
                Vec::new()
            };
            if !input.bins.is_empty() || segments.len() > MAX_SEGMENTS {
                // More arcs than pixels: one owner per degree, given or computed.
                arcs_binned = true;
                let computed;
                let bins = if input.bins.is_empty() {
                    computed = slice_owners(pts);
                    &computed
                } else {
                    &input.bins
                };
                segments = bin_segments(bins);
            }
            for (from, to, id) in segments {
                layer_of(&mut layers, id).arcs.push(arc_of(from, to));
            }
        }

        let ticks_drawn = input.bins.is_empty() && pts.len() <= MAX_TICKS;
        if ticks_drawn {
            for &(h, id) in pts {
                layer_of(&mut layers, id).ticks.push(angle(h));
            }
        }

        let mut moved: BTreeMap<(u32, u32), Vec<(f64, f64)>> = BTreeMap::new();
        for k in &input.keys {
            let xy = at(k.hash, R_KEYS);
            layer_of(&mut layers, k.after).keys.push(xy);
            if k.before != k.after
                && (moved.len() < MAX_MOVED_GROUPS || moved.contains_key(&(k.before, k.after)))
            {
                moved.entry((k.before, k.after)).or_default().push(xy);
            }
        }

        let markers: Vec<Marker> = input.markers.iter().map(|&(id, h)| marker(id, h)).collect();
        let gone: Vec<Marker> = input.gone.iter().map(|&(id, h)| marker(id, h)).collect();
        let place = |id: u32| {
            markers
                .iter()
                .chain(&gone)
                .find(|m| m.id == id)
                .map_or((C, C), |m| (m.x, m.y))
        };

        let preference = input.preference.as_ref().map(|(index, key, replicas)| {
            let mut walk = Vec::new();
            let mut from = *key;
            for &(_, h) in replicas {
                if h != from {
                    walk.push(arc_of(from, h));
                }
                from = h;
            }
            PreferenceView {
                index: *index,
                key: at(*key, R_KEYS),
                label: at(*key, R_KEYS - 30.0),
                walk,
                replicas: replicas
                    .iter()
                    .enumerate()
                    .map(|(i, &(id, h))| {
                        let (x, y) = at(h, R_RING);
                        (x, y, id, i + 1)
                    })
                    .collect(),
            }
        });

        RingView {
            layers: layers.into_values().collect(),
            moved: moved
                .into_iter()
                .map(|((f, t), dots)| MovedLayer {
                    from_id: f,
                    to_id: t,
                    from: node_colour(f),
                    to: node_colour(t),
                    from_at: place(f),
                    to_at: place(t),
                    dots,
                })
                .collect(),
            markers,
            gone,
            preference,
            ticks_drawn,
            arcs_binned,
        }
    }

    /// Whether the drawing shows keys that moved.
    pub fn has_moves(&self) -> bool {
        !self.moved.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_node_owns_a_full_circle() {
        let v = RingView::build(&RingInput {
            points: vec![(7, 0)],
            markers: vec![(0, 7)],
            ..RingInput::default()
        });
        assert_eq!(v.layers.len(), 1);
        assert_eq!(v.layers[0].arcs.len(), 1);
        assert!((v.layers[0].arcs[0].1 - TAU).abs() < 1e-12, "a full turn");
        assert!(v.ticks_drawn);
    }

    #[test]
    fn runs_of_one_owner_merge_into_one_arc() {
        let q = u64::MAX / 4;
        let v = RingView::build(&RingInput {
            points: vec![(q, 0), (2 * q, 0), (3 * q, 1)],
            ..RingInput::default()
        });
        let arcs: Vec<usize> = v.layers.iter().map(|l| l.arcs.len()).collect();
        assert_eq!(arcs, vec![1, 1]);
    }

    #[test]
    fn dense_rings_are_binned_and_ticks_hidden() {
        let n = 5_000u64;
        let points: Vec<(u64, u32)> = (0..n)
            .map(|i| (i * (u64::MAX / n), (i % 7) as u32))
            .collect();
        let v = RingView::build(&RingInput {
            points,
            ..RingInput::default()
        });
        assert!(v.arcs_binned);
        assert!(!v.ticks_drawn);
        let arcs: usize = v.layers.iter().map(|l| l.arcs.len()).sum();
        assert!(arcs <= MAX_SEGMENTS);
    }

    #[test]
    fn a_sliced_ring_draws_the_same_arcs_as_its_points() {
        let n = 5_000u64;
        let points: Vec<(u64, u32)> = (0..n)
            .map(|i| (i * (u64::MAX / n), ((i / 3) % 7) as u32))
            .collect();
        let bins = slice_owners(&points);
        let from_points = RingView::build(&RingInput {
            points,
            ..RingInput::default()
        });
        let from_bins = RingView::build(&RingInput {
            bins,
            ..RingInput::default()
        });
        assert!(from_bins.arcs_binned && !from_bins.ticks_drawn);
        let arcs = |v: &RingView| {
            v.layers
                .iter()
                .map(|l| (l.id, l.arcs.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(arcs(&from_points), arcs(&from_bins));
    }

    #[test]
    fn moved_keys_are_grouped_by_pair_and_travel_between_markers() {
        let key = |hash, before, after| KeyDot {
            hash,
            before,
            after,
        };
        let q = u64::MAX / 4;
        let v = RingView::build(&RingInput {
            points: vec![(10, 1)],
            keys: vec![key(1, 0, 1), key(2, 0, 1), key(3, 1, 1), key(4, 2, 1)],
            markers: vec![(1, q)],
            gone: vec![(0, 2 * q)],
            ..RingInput::default()
        });
        assert_eq!(v.moved.len(), 2);
        assert_eq!(v.moved[0].dots.len(), 2);
        // From the removed node's ghost to the survivor's marker.
        let m = &v.moved[0];
        assert_eq!((m.from_id, m.to_id), (0, 1));
        assert_eq!(m.from_at, (v.gone[0].x, v.gone[0].y));
        assert_eq!(m.to_at, (v.markers[0].x, v.markers[0].y));
        assert!(v.has_moves());
    }

    #[test]
    fn angle_starts_at_the_top_and_goes_clockwise() {
        assert!((angle(0) + PI / 2.0).abs() < 1e-12);
        let (x, y) = at(u64::MAX / 4, 100.0);
        assert!((x - 300.0).abs() < 1e-6 && (y - 200.0).abs() < 1e-6);
    }

    #[test]
    fn arcs_sweep_clockwise_from_their_start() {
        let q = u64::MAX / 4;
        let (start, sweep) = arc_of(q, 2 * q);
        assert!(
            (start - 0.0).abs() < 1e-9,
            "a quarter turn from the top is the right"
        );
        assert!((sweep - PI / 2.0).abs() < 1e-9);
        let (_, wrap) = arc_of(3 * q, q);
        assert!((wrap - PI).abs() < 1e-9, "wraps past the top");
        assert!((arc_of(5, 5).1 - TAU).abs() < 1e-12);
    }
}
