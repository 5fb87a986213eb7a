package dev.couponbook.embedded.mongo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Many writers waiting at once share syncs, and none is released before a sync that began after its write. */
class GroupCommitTest {

    @Test
    void canReleaseManyConcurrentWritersWithFewSyncs() throws Exception {
        AtomicLong writesSeenBySync = new AtomicLong();
        AtomicLong writesApplied = new AtomicLong();
        // a sync that takes a while, as an fsync does, so that writers pile up behind it
        GroupCommit groupCommit = new GroupCommit(() -> {
            writesSeenBySync.set(writesApplied.get());
            Thread.sleep(2);
        }, true);
        int threads = 32;
        int writesPerThread = 50;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(executor.submit(() -> {
                start.await();
                for (int i = 0; i < writesPerThread; i++) {
                    long mine = writesApplied.incrementAndGet();
                    groupCommit.written();
                    groupCommit.awaitOwnWrites();
                    assertThat(writesSeenBySync.get()).as("a sync that began after the write").isGreaterThanOrEqualTo(mine);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get();
        }
        executor.shutdown();
        groupCommit.close();

        assertThat(groupCommit.writes()).isEqualTo(threads * writesPerThread);
        assertThat(groupCommit.syncs()).isLessThan(groupCommit.writes() / 8);
    }

    @Test
    void cannotReleaseWritersWhenTheSyncFails() throws Exception {
        GroupCommit groupCommit = new GroupCommit(() -> {
            throw new IOException("disk gone");
        }, true);
        groupCommit.written();

        assertThatThrownBy(groupCommit::awaitOwnWrites)
            .isInstanceOf(IllegalStateException.class).hasRootCauseMessage("disk gone");
        groupCommit.close();
    }
}
