package dev.tusk.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.test.Db;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every built-in codec's OID, name and (for arrays) element type agree with the server's pg_type. */
class BuiltinCatalogTest {

    @Test
    void everyBuiltinCodecMatchesPgType() {
        Map<Integer, Record> catalog = new HashMap<>();
        try (Connection conn = Db.connect()) {
            List<Record> rows = conn.fetch("SELECT oid::int4 AS oid, typname::text AS name, typelem::int4 AS elem"
                    + " FROM pg_type WHERE oid < 8192").join();
            for (Record row : rows) {
                catalog.put(row.getInt("oid"), row);
            }
        }
        int checked = 0;
        for (int oid = 1; oid < CodecRegistry.DIRECT_OIDS; oid++) {
            Codec codec = CodecRegistry.builtin().forOid(oid);
            if (codec == null || !catalog.containsKey(oid) && isNewerThanServer(oid)) {
                continue;
            }
            Record row = catalog.get(oid);
            assertThat(row).as("pg_type row for oid " + oid + " (" + codec.typeName() + ")").isNotNull();
            assertThat(codec.typeName()).as("name of oid " + oid).isEqualTo(row.getString("name"));
            if (codec instanceof ArrayCodec) {
                assertThat(((ArrayCodec) codec).element().oid()).as("element of " + codec.typeName()).isEqualTo(row.getInt("elem"));
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(120);
    }

    /** Types added after PostgreSQL 12: regcollation (13), pg_snapshot (13), xid8 (13), multiranges (14). */
    private static boolean isNewerThanServer(int oid) {
        return List.of(Oids.REGCOLLATION, 4192, Oids.PG_SNAPSHOT, 5039, Oids.XID8, 271, Oids.INT4MULTIRANGE,
                Oids.INT8MULTIRANGE, Oids.NUMMULTIRANGE, Oids.TSMULTIRANGE, Oids.TSTZMULTIRANGE, Oids.DATEMULTIRANGE,
                6150, 6151, 6152, 6153, 6155, 6157).contains(oid);
    }
}
