// database: connection settings and schema migration.
#include "store/database.hpp"
#include <SQLiteCpp/Transaction.h>
#include "store/schema_migrations.hpp"

namespace opinia::store {

namespace {

SQLite::Database open_file(const database_settings& settings)
{
    try {
        return SQLite::Database(settings.path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX,
                                settings.busy_timeout_ms);
    } catch (const SQLite::Exception& e) {
        throw database_error("cannot open database '" + settings.path + "': " + e.what());
    }
}

}  // namespace

database::database(database_settings settings)
    : settings_(std::move(settings)), db_(open_file(settings_))
{
    try {
        // WAL lets the metrics readers run while the single writer commits.
        db_.exec("PRAGMA journal_mode=WAL");
        db_.exec(settings_.synchronous_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
        db_.exec("PRAGMA foreign_keys=ON");
        if (settings_.page_cache_mib > 0)  // a negative cache_size is in KiB
            db_.exec("PRAGMA cache_size=-" + std::to_string(settings_.page_cache_mib * 1024));

        const int latest = schema_migrations().back().version;
        if (schema_version() > latest)
            throw database_error("database '" + settings_.path + "' has schema version " +
                                 std::to_string(schema_version()) + ", newer than this opinia (" +
                                 std::to_string(latest) + "): upgrade opinia");
        for (const auto& migration : schema_migrations()) {
            if (migration.version <= schema_version())
                continue;
            SQLite::Transaction transaction(db_);
            db_.exec(std::string(migration.sql));
            db_.exec("PRAGMA user_version=" + std::to_string(migration.version));
            transaction.commit();
        }
    } catch (const SQLite::Exception& e) {
        throw database_error("cannot prepare database '" + settings_.path + "': " + e.what());
    }
}

int database::schema_version()
{
    return db_.execAndGet("PRAGMA user_version").getInt();
}

}  // namespace opinia::store
