package dev.couponbook.embedded.mongo;

/** The indexed backend on the heap: data lives only as long as the process. */
public class IndexedMemoryBackend extends IndexedBackend {

    public IndexedMemoryBackend() {
        super(new MemoryStorage());
    }
}
