//! Mistake: locks the account for the check, lets go, and locks it again to
//! withdraw; meanwhile another customer's check sees the old balance.
//! Caught by: nobody_else_can_withdraw_while_a_withdrawal_is_being_approved, nobody_else_can_withdraw_between_the_check_and_the_withdrawal
// REGION
        let covered = *self.balance.lock() >= amount;
        if !covered || !approve(amount) {
            return false;
        }
        *self.balance.lock() -= amount;
        true
