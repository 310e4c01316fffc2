//! [`RawMembers`]: an object's members kept raw, in order, the first few without allocating.

use std::borrow::Cow;

use serde_json::value::RawValue;

/// Members kept of one object (Problem's extension members, `ErrorObject`'s details).
pub(crate) const MAX_MEMBERS: usize = 1024;

/// Members kept in place before a `Vec` is allocated: most details objects have fewer.
const INLINE: usize = 4;

type Member<'de> = (Cow<'de, str>, &'de RawValue);

/// An object's members, each its name (escapes decoded) and its value as written; the first
/// [`MAX_MEMBERS`].
#[derive(Default)]
pub(crate) struct RawMembers<'de> {
    inline: [Option<Member<'de>>; INLINE],
    more: Vec<Member<'de>>,
}

impl<'de> RawMembers<'de> {
    #[inline]
    pub(crate) fn push(&mut self, name: Cow<'de, str>, value: &'de RawValue) {
        if let Some(slot) = self.inline.iter_mut().find(|slot| slot.is_none()) {
            *slot = Some((name, value));
        } else if self.more.len() < MAX_MEMBERS - INLINE {
            self.more.push((name, value));
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Member<'de>> {
        self.inline
            .iter()
            .map_while(Option::as_ref)
            .chain(&self.more)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.inline[0].is_none()
    }

    /// The value of the last member named `name`.
    pub(crate) fn last(&self, name: &str) -> Option<&'de RawValue> {
        let mut found = None;
        for (member, value) in self.iter() {
            if member == name {
                found = Some(*value);
            }
        }
        found
    }
}
