//! Mistake: asks for approval but pays out whatever it answers.
//! Caught by: a_withdrawal_the_fraud_check_refuses_takes_nothing
// REGION
        let mut balance = self.balance.lock();
        if *balance < amount {
            return false;
        }
        approve(amount);
        *balance -= amount;
        true
