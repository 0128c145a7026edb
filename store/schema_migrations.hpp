// schema_migrations: the numbered, append-only list of schema changes, applied in order at start-up.
#pragma once
#include <string_view>
#include <vector>

namespace opinia::store {

struct schema_migration {
    int version;
    std::string_view sql;
};

// Never edit a released migration: add the next number instead.
const std::vector<schema_migration>& schema_migrations();

}  // namespace opinia::store
