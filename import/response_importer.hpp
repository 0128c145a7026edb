// response_importer: turns the rows of a survey export into stored conversations and answers (`opinia import responses`).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>
#include "import/csv_reader.hpp"
#include "import/import_report.hpp"
#include "import/score_mapping.hpp"
#include "import/text_encoding.hpp"
#include "store/database.hpp"
#include "store/response_store.hpp"

namespace opinia::import {

struct response_import_options {
    std::string file;
    std::string flow;
    std::vector<score_mapping> scores;  // at least one; one column per question type
    std::string comment_column;         // empty: not mapped
    std::string customer_column;        // empty: not mapped
    std::string date_column;            // empty: not mapped; cells are ISO 8601 (see iso_timestamp.hpp)
    text_encoding encoding = text_encoding::utf8;
    // Cells that mean "not answered", compared after trimming blanks. By default only the empty
    // cell; `--missing NA` replaces it, so that with NA declared an empty score cell is an error.
    std::vector<std::string> missing_tokens{""};
    char delimiter = ',';
    std::size_t batch_rows = 5000;        // rows per transaction
    std::size_t max_listed_skips = 100;   // skipped rows listed one by one; all are counted
    std::int64_t imported_at_ms = 0;      // time of the rows without a date; 0 means "now"
};

// The pure core: checks the options against the header and converts one row at a time.
class response_importer {
public:
    // Throws import_error when an option is invalid or a mapped column is not in the header.
    response_importer(response_import_options options, const csv_record& header, std::string file_digest);

    // One conversation with an answer per score given and a "why" text answer when the comment
    // is not missing; or why the row is skipped. Scores must be whole numbers inside their
    // scale: 6.5, 11, -1 or an empty cell that is not a missing token skip the row, naming the
    // column. A missing token just leaves that score out.
    std::variant<store::conversation_write, skipped_row> convert(const csv_record& record, std::int64_t row) const;

    const response_import_options& options() const { return options_; }

private:
    struct mapped_score {
        score_mapping mapping;
        std::size_t index;
    };

    bool is_missing(std::string_view trimmed) const;

    response_import_options options_;
    std::string file_digest_;
    std::size_t header_size_ = 0;
    std::vector<mapped_score> scores_;
    std::optional<std::size_t> comment_index_, customer_index_, date_index_;
};

// Imports `content` (the file's bytes), committing options.batch_rows rows per transaction.
// Throws import_error when the options or the header are wrong (nothing is written then).
import_report import_responses(std::string_view content, const response_import_options& options,
                               store::response_store& store);

// Reads options.file and imports it into `db`. Throws import_error when the file cannot be read.
import_report import_responses(const response_import_options& options, store::database& db);

}  // namespace opinia::import
