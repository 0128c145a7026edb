// row_identity: stable conversation ids for imported rows, so importing the same file twice adds nothing.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace opinia::import {

// SHA-256 of the file's bytes, as 64 hex digits.
std::string file_digest(std::string_view content);

// "imp_<flow>_<first 16 hex digits of the file digest>_<row number, 10 digits>". The same row of
// the same file always gets the same id, and the store ignores an answer repeated for
// (conversation, step), so re-running an import is harmless. A file edited or re-exported with
// other rows is a new file: its rows are new conversations (ids never collide across files, so
// two exports that happen to share an identical row both keep it).
std::string imported_conversation_id(std::string_view flow, std::string_view file_digest, std::int64_t row);

}  // namespace opinia::import
