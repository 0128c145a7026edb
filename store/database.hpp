// database: opens the SQLite file (WAL, synchronous=FULL, busy timeout, page cache) and migrates its schema.
#pragma once
#include <memory>
#include <string>
#include <SQLiteCpp/Database.h>

namespace opinia::store {

struct database_settings {
    std::string path;
    int busy_timeout_ms = 5000;
    bool synchronous_full = true;   // durability first: an acked answer survives power loss
    int page_cache_mib = 0;         // 0 keeps SQLite's default (2 MiB); bulk writers want their indexes cached
};

// Thrown when the file cannot be opened, is not a database, or cannot be migrated.
class database_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class database {
public:
    // Opens (creating if needed) and brings the schema to the latest version.
    explicit database(database_settings settings);
    database(const database&) = delete;
    database& operator=(const database&) = delete;

    SQLite::Database& connection() { return db_; }
    int schema_version();
    const database_settings& settings() const { return settings_; }

private:
    database_settings settings_;
    SQLite::Database db_;
};

}  // namespace opinia::store
