//! Freeing what a held document leaves behind (its paragraphs' texts: hundreds of thousands of
//! allocations) on a thread of its own, so the report is written meanwhile. The thread frees
//! values in the order they come; the process exits without waiting for it.

use std::sync::OnceLock;
use std::sync::mpsc::{Sender, channel};

type Garbage = Box<dyn Send>;

static DROPPER: OnceLock<Option<Sender<Garbage>>> = OnceLock::new();

/// Drop `value` on the dropping thread (here, if that thread cannot be started).
pub fn drop_later<T: Send + 'static>(value: T) {
    let sender = DROPPER.get_or_init(|| {
        let (tx, rx) = channel::<Garbage>();
        std::thread::Builder::new()
            .name("mtqc-drop".to_string())
            .spawn(move || rx.into_iter().for_each(drop))
            .ok()
            .map(|_| tx)
    });
    if let Some(tx) = sender {
        // A send fails only when the thread is gone: the value comes back and drops here.
        let _ = tx.send(Box::new(value));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    /// Whatever is handed over is dropped (the last reference to it goes).
    #[test]
    fn values_handed_over_are_dropped() {
        let shared = Arc::new(());
        for _ in 0..100 {
            super::drop_later(vec![shared.clone(); 3]);
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while Arc::strong_count(&shared) > 1 && std::time::Instant::now() < deadline {
            std::thread::yield_now();
        }
        assert_eq!(Arc::strong_count(&shared), 1);
    }
}
