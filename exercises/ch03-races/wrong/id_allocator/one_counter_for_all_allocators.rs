//! Mistake: keeps the next ID in a `static`, set from the first allocator
//! that asks, so every allocator in the program takes from one counter.
//! Caught by: hands_out_ids_in_order_from_the_first, two_allocators_count_separately
// REGION
        use std::sync::OnceLock;

        static NEXT: OnceLock<AtomicU64> = OnceLock::new();
        NEXT.get_or_init(|| AtomicU64::new(self.next.load()))
            .fetch_add(1, Relaxed)
