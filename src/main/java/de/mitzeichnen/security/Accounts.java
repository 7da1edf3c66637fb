package de.mitzeichnen.security;

import jakarta.inject.Singleton;

/**
 * The one way other code stores a ready-made console account: test fixtures (accounts are made by
 * the first start's bootstrap and by platform admins in the console, both in this package).
 */
@Singleton
public class Accounts {

    private final AccountRepository accounts;

    Accounts(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** Stores the account exactly as given, without an audit entry. */
    public Account seed(Account account) {
        return accounts.save(account);
    }
}
