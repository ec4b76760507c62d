package org.rectrack.common;

import java.util.ArrayList;
import java.util.List;

import org.rectrack.common.Problem.FieldError;

/** Collects every invalid field of one request so the client learns them all at once. */
public final class Errors {

    private final List<FieldError> errors = new ArrayList<>();

    public Errors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws a 400 problem naming every collected field, if there is any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
