//! Mistake: checks the balance, lets go of the lock while `approve` runs,
//! then locks again and checks once more before withdrawing; another
//! customer can withdraw while the account is unlocked.
//! Caught by: the_account_stays_locked_while_approve_runs, nobody_else_can_withdraw_between_the_check_and_the_withdrawal
// REGION
        let covered = *self.balance.lock() >= amount;
        if !covered || !approve(amount) {
            return false;
        }
        let mut balance = self.balance.lock();
        if *balance < amount {
            return false;
        }
        *balance -= amount;
        true
