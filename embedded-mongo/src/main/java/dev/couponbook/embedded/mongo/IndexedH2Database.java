package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An H2-persisted database whose documents stay in H2's maps but whose indexes live in memory and are rebuilt
 * from the documents when the database opens.
 */
final class IndexedH2Database extends H2Database {

    // must match H2Database's map names so that files stay readable by either backend
    private static final String DATA_MAP_PREFIX = "databases.";
    private static final String META_MAP_PREFIX = "meta.";

    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
            "create", "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");

    private final MVStore store;

    IndexedH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, mvStore, cursorRegistry);
        this.store = mvStore;
        super.initializeNamespacesAndIndexes();
    }

    // H2Database opens the collections from its own constructor, before this subclass holds the store that
    // openOrCreateCollection needs, so the opening is deferred to the end of this constructor.
    @Override
    protected void initializeNamespacesAndIndexes() {
        if (store != null) {
            super.initializeNamespacesAndIndexes();
        }
    }

    /**
     * Commits H2 before a write is acknowledged. H2 on its own commits about once a second in the
     * background, so a killed process could lose writes its clients were told had succeeded; a
     * commit writes through to the file, which survives the process (not the machine: that would
     * take an fsync per write, which the embedded default does not promise).
     */
    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                  Oplog oplog) {
        Document answer = super.handleCommand(channel, command, query, databaseResolver, oplog);
        if (WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
            store.commit();
        }
        return answer;
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = store.openMap(DATA_MAP_PREFIX + fullName);
        MVMap<String, Object> metaMap = store.openMap(META_MAP_PREFIX + fullName);
        return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        return new SortedIndex<>(indexName, keys, sparse, true);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        return new SortedIndex<>(indexName, keys, sparse, false);
    }
}
