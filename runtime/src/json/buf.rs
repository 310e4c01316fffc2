//! The body being written, on the stack while it is small.

use super::escape::{copy_plain, is_plain};

/// Bodies up to this size are written on the stack and then copied once into an allocation of
/// exactly their size; every envelope's body with a sentence-long message fits.
pub(super) const INLINE: usize = 384;

/// The body being written: on the stack while it fits in [`INLINE`] bytes, else on the heap.
///
/// Writing on the stack and copying once into an exact-size `Vec` costs one allocation and no
/// `realloc`, and a `Vec` whose length equals its capacity becomes `Bytes` (the framework's body)
/// without a second allocation.
pub(crate) struct Buf {
    inline: [u8; INLINE],
    /// The length of the body while it is inline; [`SPILLED`] once it moved to `heap`, so that
    /// every write's one capacity check (`len + n <= INLINE`) also sends it to the heap.
    len: usize,
    /// Holds everything once the body outgrows `inline` (empty, unallocated, until then).
    heap: Vec<u8>,
}

/// `Buf::len` of a body on the heap: larger than [`INLINE`], and small enough that adding the
/// length of any slice (at most `isize::MAX`) cannot overflow.
const SPILLED: usize = 1 << 62;

impl Buf {
    #[inline]
    pub(crate) fn new() -> Self {
        Buf {
            inline: [0; INLINE],
            len: 0,
            heap: Vec::new(),
        }
    }

    #[inline]
    fn spilled(&self) -> bool {
        self.len == SPILLED
    }

    pub(crate) fn len(&self) -> usize {
        if self.spilled() {
            self.heap.len()
        } else {
            self.len
        }
    }

    pub(crate) fn as_slice(&self) -> &[u8] {
        if self.spilled() {
            &self.heap
        } else {
            &self.inline[..self.len]
        }
    }

    fn as_mut_slice(&mut self) -> &mut [u8] {
        if self.spilled() {
            &mut self.heap
        } else {
            &mut self.inline[..self.len]
        }
    }

    /// Puts the body from `start` on in quotes when it needs no escaping (a number, `true`:
    /// a detail written as a string), in place; else leaves it and returns `false`.
    pub(crate) fn quote_plain_tail(&mut self, start: usize) -> bool {
        if start > self.len() || !is_plain(&self.as_slice()[start..]) {
            return false;
        }
        self.push(b'"');
        self.as_mut_slice()[start..].rotate_right(1);
        self.push(b'"');
        true
    }

    #[inline]
    pub(crate) fn push(&mut self, byte: u8) {
        if let Some(slot) = self.inline.get_mut(self.len) {
            *slot = byte;
            self.len += 1;
        } else {
            self.extend_slow(&[byte]);
        }
    }

    // Inlined so that the many short constant-length writes of an envelope compile to a few
    // stores instead of a call to `memcpy` each.
    #[inline]
    pub(crate) fn extend_from_slice(&mut self, bytes: &[u8]) {
        let start = self.len;
        let end = start + bytes.len();
        if end <= INLINE {
            copy_short(&mut self.inline[start..end], bytes);
            self.len = end;
        } else {
            self.extend_slow(bytes);
        }
    }

    /// Appends `"bytes"`, with one capacity check for all of it.
    #[inline]
    pub(crate) fn quoted(&mut self, bytes: &[u8]) {
        let start = self.len;
        let end = start + bytes.len() + 2;
        if end <= INLINE {
            self.inline[start] = b'"';
            copy_short(&mut self.inline[start + 1..end - 1], bytes);
            self.inline[end - 1] = b'"';
            self.len = end;
        } else {
            self.extend_slow(b"\"");
            self.extend_slow(bytes);
            self.extend_slow(b"\"");
        }
    }

    /// Appends `"bytes"` if it fits inline and `bytes` needs no escaping, checking and
    /// copying eight bytes at a time in one pass (no `memcpy` call); else writes nothing and
    /// returns `false`.
    #[inline]
    pub(crate) fn quoted_if_plain(&mut self, bytes: &[u8]) -> bool {
        let start = self.len;
        let end = start + bytes.len() + 2;
        if end > INLINE || !copy_plain(&mut self.inline[start + 1..end - 1], bytes) {
            return false;
        }
        self.inline[start] = b'"';
        self.inline[end - 1] = b'"';
        self.len = end;
        true
    }

    /// Appends `bytes` if it fits inline and needs no escaping, as
    /// [`quoted_if_plain`](Self::quoted_if_plain) does; else writes nothing and returns `false`.
    #[inline]
    pub(crate) fn extend_if_plain(&mut self, bytes: &[u8]) -> bool {
        let start = self.len;
        let end = start + bytes.len();
        if end > INLINE || !copy_plain(&mut self.inline[start..end], bytes) {
            return false;
        }
        self.len = end;
        true
    }

    #[cold]
    fn extend_slow(&mut self, bytes: &[u8]) {
        if !self.spilled() {
            let mut heap = Vec::with_capacity((self.len + bytes.len()).max(2 * INLINE));
            heap.extend_from_slice(&self.inline[..self.len]);
            self.heap = heap;
            self.len = SPILLED;
        }
        self.heap.extend_from_slice(bytes);
    }

    pub(crate) fn truncate(&mut self, len: usize) {
        if self.spilled() {
            self.heap.truncate(len);
        } else {
            self.len = self.len.min(len);
        }
    }

    pub(crate) fn clear(&mut self) {
        self.heap = Vec::new();
        self.len = 0;
    }

    /// The body in an allocation of exactly its length, leaving the buffer empty. Takes
    /// `&mut self`, not `self`: moving the buffer would copy all of `inline` only to read a few
    /// bytes of it.
    #[inline]
    pub(crate) fn take_exact_vec(&mut self) -> Vec<u8> {
        if self.spilled() {
            self.len = 0;
            let mut heap = core::mem::take(&mut self.heap);
            heap.shrink_to_fit();
            heap
        } else {
            let len = core::mem::take(&mut self.len);
            self.inline[..len].to_vec()
        }
    }
}

impl std::io::Write for Buf {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.extend_from_slice(bytes);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `dst.copy_from_slice(src)` (of the same length) without a call to `memcpy` for up to 32
/// bytes, the length of most pieces of a body: two overlapping word copies. A constant length
/// folds to its own case.
#[inline]
fn copy_short(dst: &mut [u8], src: &[u8]) {
    let n = src.len();
    if dst.len() != n {
        dst.copy_from_slice(src);
    } else if (8..=16).contains(&n) {
        dst[..8].copy_from_slice(&src[..8]);
        dst[n - 8..].copy_from_slice(&src[n - 8..]);
    } else if (17..=32).contains(&n) {
        dst[..16].copy_from_slice(&src[..16]);
        dst[n - 16..].copy_from_slice(&src[n - 16..]);
    } else if (4..8).contains(&n) {
        dst[..4].copy_from_slice(&src[..4]);
        dst[n - 4..].copy_from_slice(&src[n - 4..]);
    } else {
        dst.copy_from_slice(src);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn buffer_spills_to_the_heap_and_ends_exact() {
        for sizes in [
            &[10usize, 20][..],
            &[INLINE],
            &[INLINE - 1, 1, 1],
            &[300, 300, 3000],
            &[],
        ] {
            let mut buf = Buf::new();
            let mut expected = Vec::new();
            for (i, &size) in sizes.iter().enumerate() {
                let chunk = vec![b'a' + u8::try_from(i).unwrap(); size];
                if i % 2 == 0 {
                    buf.extend_from_slice(&chunk);
                } else {
                    buf.write_all(&chunk).unwrap();
                }
                expected.extend_from_slice(&chunk);
                assert_eq!(buf.len(), expected.len());
            }
            assert_eq!(buf.as_slice(), expected);
            let vec = buf.take_exact_vec();
            assert_eq!(vec, expected);
            assert_eq!(vec.len(), vec.capacity(), "exact allocation for {sizes:?}");
        }
        let mut buf = Buf::new();
        buf.extend_from_slice(&[b'x'; 2 * INLINE]);
        buf.truncate(3);
        assert_eq!(buf.as_slice(), b"xxx");
        buf.clear();
        buf.push(b'y');
        assert_eq!(buf.take_exact_vec(), b"y");
    }
}
