package dev.couponbook.command.code;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A code registry in a map, with the same claim rules as the Mongo one, for aggregate tests. */
public class InMemoryCodeRegistry implements CodeRegistry {

    private record Owner(String bookId, String batchId, Instant expiresAt) {
    }

    private final Map<String, Owner> owners = new ConcurrentHashMap<>();

    @Override
    public Claim claim(String bookId, String batchId, List<String> codes, Map<String, Instant> expiries) {
        List<String> claimed = new ArrayList<>();
        Map<String, Refusal> refused = new LinkedHashMap<>();
        for (String code : codes) {
            Owner owner = owners.putIfAbsent(code, new Owner(bookId, batchId, expiries.get(code)));
            if (owner == null || owner.batchId().equals(batchId)) {
                claimed.add(code);
            } else {
                refused.put(code, owner.bookId().equals(bookId) ? Refusal.USED_BY_THIS_BOOK : Refusal.USED_BY_ANOTHER_BOOK);
            }
        }
        return new Claim(claimed, refused);
    }

    @Override
    public String bookOf(String code) {
        Owner owner = owners.get(code);
        return owner == null ? null : owner.bookId();
    }

    @Override
    public Instant expiryOf(String code) {
        Owner owner = owners.get(code);
        return owner == null ? null : owner.expiresAt();
    }

    @Override
    public Map<String, String> batchesOf(Collection<String> codes) {
        Map<String, String> batches = new HashMap<>();
        for (String code : codes) {
            Owner owner = owners.get(code);
            if (owner != null) {
                batches.put(code, owner.batchId());
            }
        }
        return batches;
    }
}
