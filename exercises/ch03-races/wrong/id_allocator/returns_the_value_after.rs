//! Mistake: returns the counter's new value, `fetch_add(1) + 1`, so the
//! first ID handed out is the second one.
//! Caught by: hands_out_ids_in_order_from_the_first
// REGION
        self.next.fetch_add(1) + 1
