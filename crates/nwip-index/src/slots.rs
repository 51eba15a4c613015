//! The slots of a meaning file as the file lays them out, one after another: a scale (`f32`,
//! little-endian; 0 for no meaning) and a byte per component (`i8`, component = byte × scale).
//!
//! A file read from an index is mapped, not copied (through tantivy's [`MmapDirectory`], which
//! maps the index's own files): a check touches the pages of the slots it compares, and opening
//! an index does not copy 66 MB of meanings into fresh memory. A build, or an update that
//! changes a slot, holds them in memory.
//!
//! [`MmapDirectory`]: tantivy::directory::MmapDirectory

use tantivy::directory::OwnedBytes;

/// Bytes of a meaning file's part: in memory, or mapped from the file (and copied into memory
/// the first time they change).
#[derive(Clone)]
pub(crate) enum Bytes {
    Owned(Vec<u8>),
    Mapped(OwnedBytes),
}

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let place = if self.is_mapped() { "mapped" } else { "in memory" };
        write!(f, "{} bytes {place}", self.as_slice().len())
    }
}

impl Default for Bytes {
    fn default() -> Bytes {
        Bytes::Owned(Vec::new())
    }
}

impl Bytes {
    /// The bytes, wherever they are.
    pub(crate) fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Owned(bytes) => bytes,
            Bytes::Mapped(bytes) => bytes.as_slice(),
        }
    }

    /// The bytes in memory, to change (copied there first if mapped).
    pub(crate) fn to_mut(&mut self) -> &mut Vec<u8> {
        if let Bytes::Mapped(bytes) = self {
            *self = Bytes::Owned(bytes.as_slice().to_vec());
        }
        match self {
            Bytes::Owned(bytes) => bytes,
            Bytes::Mapped(_) => unreachable!("made owned above"),
        }
    }

    /// Whether the bytes are mapped from a file.
    pub(crate) fn is_mapped(&self) -> bool {
        matches!(self, Bytes::Mapped(_))
    }

    /// The little-endian `u32` at `index` (of four-byte words).
    pub(crate) fn word(&self, index: usize) -> u32 {
        let at = index * 4;
        u32::from_le_bytes(self.as_slice()[at..at + 4].try_into().expect("four bytes"))
    }
}

/// The slots of a meaning file, by slot.
#[derive(Clone)]
pub(crate) struct Slots {
    dims: usize,
    bytes: Bytes,
}

impl Default for Slots {
    fn default() -> Slots {
        Slots::new(0)
    }
}

impl std::fmt::Debug for Slots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mapped = self.bytes.is_mapped();
        f.debug_struct("Slots")
            .field("dims", &self.dims)
            .field("len", &self.len())
            .field("mapped", &mapped)
            .finish()
    }
}

impl PartialEq for Slots {
    fn eq(&self, other: &Slots) -> bool {
        self.dims == other.dims && self.as_bytes() == other.as_bytes()
    }
}

impl Slots {
    /// No slots, of `dims` components each.
    pub(crate) fn new(dims: usize) -> Slots {
        Slots { dims, bytes: Bytes::Owned(Vec::new()) }
    }

    /// The slots in `bytes` (a file's, after its header); `None` when they end in the middle of
    /// a slot.
    pub(crate) fn mapped(dims: usize, bytes: OwnedBytes) -> Option<Slots> {
        (dims > 0 && bytes.len().is_multiple_of(4 + dims))
            .then_some(Slots { dims, bytes: Bytes::Mapped(bytes) })
    }

    /// The components of a slot.
    pub(crate) fn dims(&self) -> usize {
        self.dims
    }

    /// The bytes of all slots, as a file holds them.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.as_slice()
    }

    fn stride(&self) -> usize {
        4 + self.dims
    }

    /// How many slots there are.
    pub(crate) fn len(&self) -> usize {
        self.as_bytes().len() / self.stride()
    }

    /// The scale of `slot` (0: no meaning, or no such slot).
    pub(crate) fn scale(&self, slot: usize) -> f32 {
        let at = slot * self.stride();
        match self.as_bytes().get(at..at + 4) {
            Some(bytes) => f32::from_le_bytes(bytes.try_into().expect("four bytes")),
            None => 0.0,
        }
    }

    /// Asks the processor to start loading `slot` into its cache, so that reading it later does
    /// not wait on memory: the search by meaning reads a few thousand slots scattered through a
    /// mapped file, each on cache lines of its own.
    #[inline]
    pub(crate) fn prefetch(&self, slot: usize) {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            let stride = self.stride();
            let Some(row) = self.as_bytes().get(slot * stride..(slot + 1) * stride) else {
                return;
            };
            // Every cache line the slot touches: one every 64 bytes, and the line of its last byte.
            for offset in (0..stride).step_by(64).chain([stride - 1]) {
                // SAFETY: a prefetch is a hint that never faults, and the address is in `row`.
                unsafe { _mm_prefetch::<_MM_HINT_T0>(row[offset..].as_ptr().cast()) };
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = slot;
    }

    /// The component bytes of `slot` (each an `i8`).
    pub(crate) fn values(&self, slot: usize) -> &[u8] {
        let at = slot * self.stride() + 4;
        &self.as_bytes()[at..at + self.dims]
    }

    /// Makes room for `slots` slots in all (a build that knows how many it will set).
    pub(crate) fn reserve(&mut self, slots: usize) {
        let wanted = slots * self.stride();
        let bytes = self.bytes.to_mut();
        bytes.reserve(wanted.saturating_sub(bytes.len()));
    }

    /// Sets `slot` to `scale` and `values` (`dims` of them), adding empty slots up to it.
    pub(crate) fn set(&mut self, slot: usize, scale: f32, values: &[i8]) {
        let stride = self.stride();
        let bytes = self.bytes.to_mut();
        if bytes.len() < (slot + 1) * stride {
            bytes.resize((slot + 1) * stride, 0);
        }
        let at = slot * stride;
        bytes[at..at + 4].copy_from_slice(&scale.to_le_bytes());
        for (byte, value) in bytes[at + 4..at + stride].iter_mut().zip(values) {
            *byte = *value as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapped_and_owned_slots_read_alike_and_a_mapped_one_is_copied_to_change() {
        let mut owned = Slots::new(2);
        owned.set(1, 0.5, &[-1, 2]);
        assert_eq!(
            (owned.len(), owned.scale(0), owned.scale(1), owned.scale(7)),
            (2, 0.0, 0.5, 0.0)
        );
        assert_eq!(owned.values(1), [255, 2]);
        let mut mapped = Slots::mapped(2, OwnedBytes::new(owned.as_bytes().to_vec())).unwrap();
        assert_eq!(mapped, owned);
        mapped.set(0, 0.25, &[3, 4]);
        assert_eq!((mapped.scale(0), mapped.values(0)), (0.25, [3u8, 4].as_slice()));
        assert!(Slots::mapped(2, OwnedBytes::new(vec![0; 7])).is_none(), "a slot cut short");
    }
}
