//! Index-linked doubly linked lists over dense slots, shared by the policies.
//!
//! A policy numbers its entries `0..n` ("slots") and keeps the links of every
//! slot in one vector, so moving an entry is a handful of array writes and
//! no request ever allocates. [`Chains`] holds several lists over the same
//! slots (ARC's T1/T2/B1/B2, S3-FIFO's small and main queues); each slot is
//! on at most one of them at a time. [`List`] is the single-list case.
//!
//! The methods trust their caller: a slot passed to `remove` or
//! `move_to_front` must be on that list, and one passed to a `push` must be
//! on none. The policies keep that invariant by construction.

use super::policy::{Access, Key, Why};

/// "No slot": the end of a list, or a key that has no slot.
pub const NONE: u32 = u32::MAX;

/// The two neighbours of one slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Link {
    /// Towards the front, or [`NONE`].
    prev: u32,
    /// Towards the back, or [`NONE`].
    next: u32,
}

/// The two ends and the length of one list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Ends {
    head: u32,
    tail: u32,
    len: usize,
}

const EMPTY: Ends = Ends {
    head: NONE,
    tail: NONE,
    len: 0,
};

/// `N` doubly linked lists over one set of dense slots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chains<const N: usize> {
    links: Vec<Link>,
    // why: a fixed array, so a constant list id indexes it with no bounds check.
    ends: [Ends; N],
}

impl<const N: usize> Chains<N> {
    /// `N` empty lists over slots `0..slots`.
    pub fn new(slots: usize) -> Chains<N> {
        Chains {
            links: vec![
                Link {
                    prev: NONE,
                    next: NONE
                };
                slots
            ],
            ends: [EMPTY; N],
        }
    }

    /// Number of slots.
    pub fn slots(&self) -> usize {
        self.links.len()
    }

    /// Adds slots up to `slots` in total (never shrinks).
    pub fn grow(&mut self, slots: usize) {
        if slots > self.links.len() {
            self.links.resize(
                slots,
                Link {
                    prev: NONE,
                    next: NONE,
                },
            );
        }
    }

    /// Entries on list `c`.
    #[inline(always)]
    pub fn len(&self, c: usize) -> usize {
        self.ends[c].len
    }

    /// List `c` is empty.
    #[inline(always)]
    pub fn is_empty(&self, c: usize) -> bool {
        self.ends[c].len == 0
    }

    /// The front slot of list `c`, or [`NONE`].
    #[inline(always)]
    pub fn front(&self, c: usize) -> u32 {
        self.ends[c].head
    }

    /// The back slot of list `c`, or [`NONE`].
    #[inline(always)]
    pub fn back(&self, c: usize) -> u32 {
        self.ends[c].tail
    }

    /// The slot after `i` (towards the back), or [`NONE`].
    #[inline(always)]
    pub fn next(&self, i: u32) -> u32 {
        self.links[i as usize].next
    }

    /// The slot before `i` (towards the front), or [`NONE`].
    #[inline(always)]
    pub fn prev(&self, i: u32) -> u32 {
        self.links[i as usize].prev
    }

    /// Puts slot `i` at the front of list `c`.
    #[inline(always)]
    pub fn push_front(&mut self, c: usize, i: u32) {
        let head = self.ends[c].head;
        self.links[i as usize] = Link {
            prev: NONE,
            next: head,
        };
        if head == NONE {
            self.ends[c].tail = i;
        } else {
            self.links[head as usize].prev = i;
        }
        self.ends[c].head = i;
        self.ends[c].len += 1;
    }

    /// Puts slot `i` at the back of list `c`.
    #[inline(always)]
    pub fn push_back(&mut self, c: usize, i: u32) {
        let tail = self.ends[c].tail;
        self.links[i as usize] = Link {
            prev: tail,
            next: NONE,
        };
        if tail == NONE {
            self.ends[c].head = i;
        } else {
            self.links[tail as usize].next = i;
        }
        self.ends[c].tail = i;
        self.ends[c].len += 1;
    }

    /// Puts slot `i` just before slot `at` of list `c` (at the back if `at` is [`NONE`]).
    #[inline(always)]
    pub fn insert_before(&mut self, c: usize, at: u32, i: u32) {
        if at == NONE {
            self.push_back(c, i);
            return;
        }
        let before = self.links[at as usize].prev;
        self.links[i as usize] = Link {
            prev: before,
            next: at,
        };
        self.links[at as usize].prev = i;
        if before == NONE {
            self.ends[c].head = i;
        } else {
            self.links[before as usize].next = i;
        }
        self.ends[c].len += 1;
    }

    /// Takes slot `i` off list `c`.
    #[inline(always)]
    pub fn remove(&mut self, c: usize, i: u32) {
        let Link { prev, next } = self.links[i as usize];
        if prev == NONE {
            self.ends[c].head = next;
        } else {
            self.links[prev as usize].next = next;
        }
        if next == NONE {
            self.ends[c].tail = prev;
        } else {
            self.links[next as usize].prev = prev;
        }
        self.ends[c].len -= 1;
    }

    /// Takes the back slot off list `c` and returns it, if the list is not empty.
    #[inline(always)]
    pub fn pop_back(&mut self, c: usize) -> Option<u32> {
        let tail = self.ends[c].tail;
        if tail == NONE {
            return None;
        }
        self.remove(c, tail);
        Some(tail)
    }

    /// Moves slot `i`, already on list `c`, to its front.
    #[inline(always)]
    pub fn move_to_front(&mut self, c: usize, i: u32) {
        // why: the common LRU hit on an entry already at the front costs nothing.
        if self.ends[c].head == i {
            return;
        }
        self.remove(c, i);
        self.push_front(c, i);
    }

    /// The slots of list `c`, front to back.
    pub fn iter(&self, c: usize) -> Iter<'_, N> {
        Iter {
            chains: self,
            at: self.ends[c].head,
        }
    }
}

/// Iterator over one list's slots, front to back.
#[derive(Clone, Debug)]
pub struct Iter<'a, const N: usize> {
    chains: &'a Chains<N>,
    at: u32,
}

impl<const N: usize> Iterator for Iter<'_, N> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.at == NONE {
            return None;
        }
        let i = self.at;
        self.at = self.chains.next(i);
        Some(i)
    }
}

/// One doubly linked list over dense slots: [`Chains`] with a single list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct List {
    chains: Chains<1>,
}

impl List {
    /// An empty list over slots `0..slots`.
    pub fn new(slots: usize) -> List {
        List {
            chains: Chains::new(slots),
        }
    }

    /// Entries on the list.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.chains.len(0)
    }

    /// The list is empty.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.chains.is_empty(0)
    }

    /// The front slot, or [`NONE`].
    #[inline(always)]
    pub fn front(&self) -> u32 {
        self.chains.front(0)
    }

    /// The back slot, or [`NONE`].
    #[inline(always)]
    pub fn back(&self) -> u32 {
        self.chains.back(0)
    }

    /// The slot after `i` (towards the back), or [`NONE`].
    #[inline(always)]
    pub fn next(&self, i: u32) -> u32 {
        self.chains.next(i)
    }

    /// The slot before `i` (towards the front), or [`NONE`].
    #[inline(always)]
    pub fn prev(&self, i: u32) -> u32 {
        self.chains.prev(i)
    }

    /// Puts slot `i` at the front.
    #[inline(always)]
    pub fn push_front(&mut self, i: u32) {
        self.chains.push_front(0, i);
    }

    /// Puts slot `i` at the back.
    #[inline(always)]
    pub fn push_back(&mut self, i: u32) {
        self.chains.push_back(0, i);
    }

    /// Puts slot `i` just before slot `at` (at the back if `at` is [`NONE`]).
    #[inline(always)]
    pub fn insert_before(&mut self, at: u32, i: u32) {
        self.chains.insert_before(0, at, i);
    }

    /// Takes slot `i` off the list.
    #[inline(always)]
    pub fn remove(&mut self, i: u32) {
        self.chains.remove(0, i);
    }

    /// Takes the back slot off and returns it, if the list is not empty.
    #[inline(always)]
    pub fn pop_back(&mut self) -> Option<u32> {
        self.chains.pop_back(0)
    }

    /// Moves slot `i`, already on the list, to the front.
    #[inline(always)]
    pub fn move_to_front(&mut self, i: u32) {
        self.chains.move_to_front(0, i);
    }

    /// The slots, front to back.
    pub fn iter(&self) -> Iter<'_, 1> {
        self.chains.iter(0)
    }
}

/// Keys at or above this are never given table space beyond the universe.
const GROW_LIMIT: usize = 1 << 24;

/// Makes `table` (indexed by key) long enough to hold `key`, filling new
/// entries with `fill`. Returns false if it may not or cannot grow that far:
/// the policies then serve the request as a miss that caches nothing.
///
/// Callers promise keys below the universe the tables were sized for; this
/// is the cold path that keeps a broken promise from panicking. Tables grow
/// for stray keys below 2^24; a key beyond both the universe and that bound
/// is bypassed rather than allowed to claim gigabytes.
#[cold]
pub(crate) fn fit_key<T: Copy>(table: &mut Vec<T>, key: Key, fill: T) -> bool {
    let want = key as usize + 1;
    if want <= table.len() {
        return true;
    }
    if want > GROW_LIMIT {
        return false;
    }
    // why: try_reserve reports failure instead of aborting, so a wild key near
    // u32::MAX on a small machine turns into a bypassed request, not a crash.
    if table.try_reserve(want - table.len()).is_err() {
        return false;
    }
    table.resize(want, fill);
    true
}

/// `capacity` as the policies use it: at least 1, and at most what a `u32`
/// slot index can name.
pub(crate) fn effective_capacity(capacity: usize) -> usize {
    capacity.clamp(1, (NONE - 1) as usize)
}

/// What a request for a key no table could be grown to hold reports: a
/// miss that caches nothing (see [`fit_key`]).
pub(crate) const BYPASS: Access = Access {
    hit: false,
    evicted: None,
    why: Why::Free,
};

/// A plain hit.
pub(crate) const HIT: Access = Access {
    hit: true,
    evicted: None,
    why: Why::Hit,
};

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(l: &List) -> Vec<u32> {
        l.iter().collect()
    }

    #[test]
    fn push_remove_move() {
        let mut l = List::new(6);
        assert!(l.is_empty());
        l.push_front(1);
        l.push_front(2);
        l.push_back(3);
        assert_eq!(collect(&l), vec![2, 1, 3]);
        assert_eq!((l.front(), l.back(), l.len()), (2, 3, 3));
        l.move_to_front(3);
        assert_eq!(collect(&l), vec![3, 2, 1]);
        l.move_to_front(3);
        assert_eq!(collect(&l), vec![3, 2, 1]);
        l.remove(2);
        assert_eq!(collect(&l), vec![3, 1]);
        assert_eq!(l.pop_back(), Some(1));
        assert_eq!(l.pop_back(), Some(3));
        assert_eq!(l.pop_back(), None);
        assert_eq!((l.front(), l.back(), l.len()), (NONE, NONE, 0));
    }

    #[test]
    fn insert_before_and_neighbours() {
        let mut l = List::new(5);
        l.insert_before(NONE, 0);
        l.insert_before(0, 1);
        l.insert_before(0, 2);
        l.insert_before(NONE, 4);
        assert_eq!(collect(&l), vec![1, 2, 0, 4]);
        assert_eq!((l.prev(1), l.next(1)), (NONE, 2));
        assert_eq!((l.prev(4), l.next(4)), (0, NONE));
        // backwards walk mirrors the forward one
        let mut back = vec![];
        let mut at = l.back();
        while at != NONE {
            back.push(at);
            at = l.prev(at);
        }
        assert_eq!(back, vec![4, 0, 2, 1]);
    }

    #[test]
    fn chains_share_slots() {
        let mut c: Chains<2> = Chains::new(4);
        c.push_front(0, 0);
        c.push_front(0, 1);
        c.push_front(1, 2);
        c.remove(0, 0);
        c.push_front(1, 0);
        assert_eq!(c.iter(0).collect::<Vec<_>>(), vec![1]);
        assert_eq!(c.iter(1).collect::<Vec<_>>(), vec![0, 2]);
        c.grow(8);
        assert_eq!(c.slots(), 8);
        c.push_back(0, 7);
        assert_eq!(c.iter(0).collect::<Vec<_>>(), vec![1, 7]);
    }

    #[test]
    fn fit_key_grows_tables() {
        let mut t = vec![NONE; 3];
        assert!(fit_key(&mut t, 2, NONE));
        assert_eq!(t.len(), 3);
        assert!(fit_key(&mut t, 9, NONE));
        assert_eq!(t.len(), 10);
        assert!(!fit_key(&mut t, u32::MAX - 1, NONE));
        assert_eq!(t.len(), 10);
        assert_eq!(effective_capacity(0), 1);
        assert_eq!(effective_capacity(7), 7);
    }
}
