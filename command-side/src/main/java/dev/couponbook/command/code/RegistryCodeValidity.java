package dev.couponbook.command.code;

import dev.couponbook.command.couponbook.Books;
import org.springframework.stereotype.Component;

/** Reads the code's expiry from the registry and the book's validity after assignment from its current terms. */
@Component
public class RegistryCodeValidity implements CodeValidity {

    private final CodeRegistry registry;
    private final Books books;

    public RegistryCodeValidity(CodeRegistry registry, Books books) {
        this.registry = registry;
        this.books = books;
    }

    @Override
    public Validity of(String bookId, String code) {
        return new Validity(registry.expiryOf(code), books.current(bookId).terms().codeValidityAfterAssignment());
    }
}
