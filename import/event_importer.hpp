// event_importer: turns the rows of a journey-event export into stored events (`opinia import events`).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include "import/csv_reader.hpp"
#include "import/import_report.hpp"
#include "import/text_encoding.hpp"
#include "store/customer_record.hpp"
#include "store/customer_store.hpp"

namespace opinia::import {

struct event_import_options {
    std::string file;
    std::string customer_column;     // required
    std::string stage_column;        // required: awareness, consideration, decision, retention or advocacy (any case)
    std::string touchpoint_column;   // empty: no touchpoint
    std::string at_column;           // ISO 8601; empty (or an empty cell): the time of the import
    text_encoding encoding = text_encoding::utf8;
    char delimiter = ',';
    std::size_t batch_rows = 5000;   // events per transaction
    std::size_t max_listed_skips = 100;
    std::int64_t imported_at_ms = 0;
};

// The pure core: checks the options against the header and converts one row at a time.
class event_importer {
public:
    // Throws import_error when an option is missing or names a column that is not in the header.
    event_importer(event_import_options options, const csv_record& header);

    // An event, or why the row is skipped (empty customer, unknown stage, a time that cannot be
    // read, a row of the wrong width, bytes that are not valid in the encoding).
    std::variant<store::journey_event_record, skipped_row> convert(const csv_record& record, std::int64_t row) const;

private:
    event_import_options options_;
    std::size_t header_size_ = 0;
    std::size_t customer_index_ = 0, stage_index_ = 0;
    std::optional<std::size_t> touchpoint_index_, at_index_;
};

// Imports `content` (the file's bytes). Throws import_error when the options or the header are wrong.
import_report import_events(std::string_view content, const event_import_options& options, store::customer_store& store);

// Reads options.file and imports it. Throws import_error when the file cannot be read.
import_report import_events(const event_import_options& options, store::database& db);

}  // namespace opinia::import
