//! Mistake: holds the lock for the check and the approval, lets go, and
//! locks again to withdraw; a customer who gets in between sees the old
//! balance, and both are paid.
//! Caught by: nobody_else_can_withdraw_between_the_check_and_the_withdrawal
// REGION
        let approved = {
            let balance = self.balance.lock();
            *balance >= amount && approve(amount)
        };
        if approved {
            *self.balance.lock() -= amount;
        }
        approved
