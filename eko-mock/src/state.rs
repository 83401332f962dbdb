//! Everything one mock remembers between requests: the flows' tables and the record
//! of status callbacks. In memory, and bounded so that a long-running mock or a hostile
//! client cannot grow it without limit. This layer knows nothing of HTTP.

use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// A map holding at most `capacity` entries; inserting into a full map evicts the
/// entry inserted longest ago.
#[derive(Debug)]
pub(crate) struct BoundedMap<K, V> {
    capacity: usize,
    order: VecDeque<K>,
    entries: HashMap<K, V>,
}

impl<K: Eq + Hash + Clone, V> BoundedMap<K, V> {
    pub(crate) fn new(capacity: usize) -> Self {
        BoundedMap {
            capacity,
            order: VecDeque::new(),
            entries: HashMap::new(),
        }
    }

    /// Inserts or replaces; a replaced entry counts as new for eviction.
    pub(crate) fn insert(&mut self, key: K, value: V) {
        if self.capacity == 0 {
            return;
        }
        if self.entries.remove(&key).is_some() {
            self.order.retain(|existing| existing != &key);
        }
        while self.entries.len() >= self.capacity {
            match self.order.pop_front() {
                Some(oldest) => {
                    self.entries.remove(&oldest);
                }
                None => break,
            }
        }
        self.order.push_back(key.clone());
        self.entries.insert(key, value);
    }

    pub(crate) fn get(&self, key: &K) -> Option<&V> {
        self.entries.get(key)
    }

    pub(crate) fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        self.entries.get_mut(key)
    }

    pub(crate) fn contains(&self, key: &K) -> bool {
        self.entries.contains_key(key)
    }

    pub(crate) fn remove(&mut self, key: &K) -> Option<V> {
        let removed = self.entries.remove(key)?;
        self.order.retain(|existing| existing != key);
        Some(removed)
    }

    /// The entries from the oldest to the newest.
    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.order.iter().filter_map(|key| self.entries.get(key))
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// A customer created by Onboard Customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Customer {
    /// The name given at onboarding, shown back in the verified profile.
    pub(crate) name: Option<String>,
}

/// An OTP sent to a customer, awaiting verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OtpSession {
    pub(crate) customer_id: String,
}

/// Where a retailer wants transaction status callbacks, as set with Setup Callback URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CallbackRegistration {
    pub(crate) url: String,
}

/// One status callback the mock owed a receiver: what it sent where, and how it went.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// Sequence number within the mock, from 0; later callbacks have larger ids.
    pub id: u64,
    /// The endpoint id of the transaction that made the callback due.
    pub endpoint: String,
    /// The caller's `user_code`, when the transaction takes one.
    pub user_code: Option<String>,
    /// Where the callback went: the `user_code`'s URL if it registered one with the
    /// deprecated Setup Callback URL, else [`crate::MockConfig::callback_url`].
    pub url: String,
    /// The JSON body sent (or that would have been sent): `{"data": {...}}`.
    pub payload: Value,
    /// HTTP requests made so far (0 when the URL was refused).
    pub attempts: u32,
    /// Where the delivery stands.
    pub outcome: DeliveryOutcome,
}

/// How a status callback went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryOutcome {
    /// Still being tried.
    Pending,
    /// The receiver answered 2xx.
    Acknowledged {
        /// The receiver's HTTP status.
        status: u16,
        /// The start of the receiver's answer, as text.
        body: String,
    },
    /// Every attempt failed; this is the last attempt's failure.
    Failed {
        /// The receiver's HTTP status, when it answered at all.
        status: Option<u16>,
        /// What went wrong.
        error: String,
    },
    /// Not sent: the URL is not one the mock contacts (not plain http, not loopback
    /// while remote callbacks are off, or not a URL). No request was made.
    Refused {
        /// Why not.
        reason: String,
    },
}

impl DeliveryOutcome {
    /// Whether the delivery is over, one way or another.
    pub fn is_settled(&self) -> bool {
        !matches!(self, DeliveryOutcome::Pending)
    }
}

/// Everything the flows remember between requests.
#[derive(Debug)]
pub(crate) struct State {
    /// `user_code`s issued by Onboard User.
    pub(crate) users: BoundedMap<String, ()>,
    /// Customers by `customer_id` (their mobile number).
    pub(crate) customers: BoundedMap<String, Customer>,
    /// Pending OTP sessions by `otp_ref_id`.
    pub(crate) otp_sessions: BoundedMap<String, OtpSession>,
    /// Callback URLs by `user_code`.
    pub(crate) callback_urls: BoundedMap<String, CallbackRegistration>,
    /// Status callbacks sent or refused, by delivery id (ids grow with time).
    pub(crate) deliveries: BoundedMap<u64, Delivery>,
}

impl State {
    pub(crate) fn new(capacity: usize) -> State {
        State {
            users: BoundedMap::new(capacity),
            customers: BoundedMap::new(capacity),
            otp_sessions: BoundedMap::new(capacity),
            callback_urls: BoundedMap::new(capacity),
            deliveries: BoundedMap::new(capacity),
        }
    }
}

/// The state of one mock, shared by its requests and its callback deliveries.
#[derive(Debug)]
pub(crate) struct Store {
    state: Mutex<State>,
}

impl Store {
    pub(crate) fn new(capacity: usize) -> Store {
        Store {
            state: Mutex::new(State::new(capacity)),
        }
    }

    /// The state. Never hold the guard across an `.await`; a poisoned lock is taken
    /// over rather than failing every later request.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evicts_the_oldest_when_full() {
        let mut map = BoundedMap::new(2);
        map.insert("a", 1);
        map.insert("b", 2);
        map.insert("c", 3);
        assert_eq!(map.len(), 2);
        assert!(!map.contains(&"a"));
        assert_eq!(map.get(&"b"), Some(&2));
        assert_eq!(map.get(&"c"), Some(&3));
    }

    #[test]
    fn replacing_refreshes_the_entry() {
        let mut map = BoundedMap::new(2);
        map.insert("a", 1);
        map.insert("b", 2);
        map.insert("a", 10);
        map.insert("c", 3);
        assert!(!map.contains(&"b"));
        assert_eq!(map.get(&"a"), Some(&10));
    }

    #[test]
    fn removal_frees_room() {
        let mut map = BoundedMap::new(2);
        map.insert("a", 1);
        map.insert("b", 2);
        assert_eq!(map.remove(&"a"), Some(1));
        map.insert("c", 3);
        assert!(map.contains(&"b") && map.contains(&"c"));
        if let Some(value) = map.get_mut(&"c") {
            *value = 30;
        }
        assert_eq!(map.get(&"c"), Some(&30));
    }

    #[test]
    fn values_come_oldest_first() {
        let mut map = BoundedMap::new(3);
        map.insert("a", 1);
        map.insert("b", 2);
        map.insert("a", 10);
        assert_eq!(map.values().copied().collect::<Vec<_>>(), [2, 10]);
    }

    #[test]
    fn zero_capacity_keeps_nothing() {
        let mut map = BoundedMap::new(0);
        map.insert("a", 1);
        assert_eq!(map.len(), 0);
    }
}
