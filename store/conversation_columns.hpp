// conversation_columns: the conversation columns that listings and transcripts read, in one order.
#pragma once
#include <SQLiteCpp/Statement.h>
#include "store/conversation_record.hpp"

namespace opinia::store {

// The columns of conversations `c` that describe a conversation (no resume token, no engine state).
inline constexpr const char* conversation_context_columns =
    "c.id, c.flow, c.flow_version, c.locale, c.site, c.customer_id, c.customer_verified, c.agent, c.channel, "
    "c.touchpoint, c.interaction, c.stage, c.status, c.source, c.created_at, c.updated_at";
inline constexpr int conversation_context_column_count = 16;

// Reads conversation_context_columns from the current row, starting at column `first`.
conversation_record read_conversation_context(SQLite::Statement& q, int first);

}  // namespace opinia::store
