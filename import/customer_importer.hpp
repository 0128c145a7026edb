// customer_importer: turns the rows of a customer export into stored customers (`opinia import customers`).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>
#include "import/csv_reader.hpp"
#include "import/import_report.hpp"
#include "import/text_encoding.hpp"
#include "store/customer_record.hpp"
#include "store/customer_store.hpp"

namespace opinia::import {

struct customer_import_options {
    std::string file;
    std::string id_column;                   // required
    std::string churned_column;              // yes/no, true/false, 1/0, y/n (any case); empty: not mapped
    std::string active_from_column;          // ISO 8601 dates; empty: not mapped
    std::string churned_at_column;           // ISO 8601 dates, an empty cell means "still a customer"
    std::vector<std::string> attribute_columns;  // kept as customer attributes under their column names
    text_encoding encoding = text_encoding::utf8;
    char delimiter = ',';
    std::size_t batch_rows = 5000;           // customers per transaction
    std::size_t max_listed_skips = 100;      // skipped rows listed one by one; all are counted
    std::int64_t imported_at_ms = 0;
};

// "Yes"/"no", "true"/"false", "1"/"0", "y"/"n" in any case, blanks trimmed; nullopt otherwise.
std::optional<bool> parse_yes_no(std::string_view text);

// The pure core: checks the options against the header and converts one row at a time.
class customer_importer {
public:
    // Throws import_error when an option is invalid or a mapped column is not in the header.
    customer_importer(customer_import_options options, const csv_record& header);

    // A customer, or why the row is skipped (empty id, a churned flag or date that cannot be read,
    // churned_at before active_from, a row of the wrong width).
    std::variant<store::customer_record, skipped_row> convert(const csv_record& record, std::int64_t row) const;

    const customer_import_options& options() const { return options_; }

private:
    std::optional<std::string> cell(const csv_record& record, std::size_t index) const;

    customer_import_options options_;
    std::size_t header_size_ = 0;
    std::size_t id_index_ = 0;
    std::optional<std::size_t> churned_index_, active_from_index_, churned_at_index_;
    std::vector<std::pair<std::string, std::size_t>> attributes_;
};

// Imports `content` (the file's bytes). Throws import_error when the options or the header are wrong.
import_report import_customers(std::string_view content, const customer_import_options& options,
                               store::customer_store& store);

// Reads options.file and imports it. Throws import_error when the file cannot be read.
import_report import_customers(const customer_import_options& options, store::database& db);

}  // namespace opinia::import
