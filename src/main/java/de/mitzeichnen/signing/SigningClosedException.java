package de.mitzeichnen.signing;

/** The appeal stopped taking signatures between showing the form and storing the submission. */
class SigningClosedException extends RuntimeException {

    SigningClosedException() {
        super(null, null, false, false);
    }
}
