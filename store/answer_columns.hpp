// answer_columns: the answer columns that listings and transcripts read, in one order.
#pragma once
#include <SQLiteCpp/Statement.h>
#include "store/answer_record.hpp"

namespace opinia::store {

// The columns of answers `a` that describe an answer, without its conversation id.
inline constexpr const char* answer_columns =
    "a.client_id, a.step, a.question_type, a.scale_min, a.scale_max, a.good_from, a.value, a.text, a.raw_text, "
    "a.parse_method, a.skipped, a.flow, a.flow_version, a.customer_id, a.created_at";
inline constexpr int answer_column_count = 15;

// Reads answer_columns from the current row, starting at column `first`; conversation_id is left empty.
answer_record read_answer(SQLite::Statement& q, int first);

}  // namespace opinia::store
