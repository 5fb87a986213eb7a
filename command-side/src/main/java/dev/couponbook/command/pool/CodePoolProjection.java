package dev.couponbook.command.pool;

import dev.couponbook.messages.coupon.CodeDisabled;
import dev.couponbook.messages.coupon.CodeEnabled;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodesUploaded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Fills each book's pool from the codes that join it (and free codes enabled again) and drains it
 * of assigned and disabled codes. Replaying
 * the whole history yields the free codes exactly, which is how a lost pool is rebuilt
 * ({@link CodePoolRebuilder}); Redis set operations make every repeat harmless.
 */
@Component
@ProcessingGroup(CodePoolProjection.PROCESSING_GROUP)
public class CodePoolProjection {

    public static final String PROCESSING_GROUP = "code-pool";

    private final CodePool pool;

    public CodePoolProjection(CodePool pool) {
        this.pool = pool;
    }

    @EventHandler
    void on(CodesUploaded event) {
        pool.add(event.bookId(), event.codes());
    }

    @EventHandler
    void on(CodeChunkGenerated event) {
        pool.add(event.bookId(), event.codes());
    }

    @EventHandler
    void on(CouponAssigned event) {
        pool.remove(event.bookId(), event.code());
    }

    @EventHandler
    void on(CodeDisabled event) {
        pool.remove(event.bookId(), event.code());
    }

    /** Only a code nobody holds is free again. */
    @EventHandler
    void on(CodeEnabled event) {
        if (event.userId() == null) {
            pool.putBack(event.bookId(), event.code());
        }
    }

    @ResetHandler
    void reset() {
        pool.clear();
    }
}
