// import_report: what an import did — rows read, imported and skipped, with the reason for each skip.
#pragma once
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

namespace opinia::import {

struct skipped_row {
    std::int64_t row = 0;   // data row, from 1 (the header is not a row)
    std::int64_t line = 0;  // line of the file on which the row starts
    std::string kind;       // groups skips: column "nps": not a whole number on 0-10
    std::string reason;     // names the column and the value: column "nps": "6.5" is not a whole number on 0-10
};

struct import_report {
    std::int64_t rows_read = 0;       // data rows, the header not included
    std::int64_t rows_imported = 0;   // written, or already present from an earlier import of the same file
    std::int64_t rows_skipped = 0;
    std::int64_t answers_written = 0;
    std::vector<skipped_row> skipped;                     // the first ones, up to the options' limit
    std::map<std::string, std::int64_t> skipped_by_kind;  // every skip, counted per kind

    void add_skip(skipped_row skip, std::size_t max_listed);
};

// {"rows_read","rows_imported","rows_skipped","answers_written","skipped_by_reason":{kind: count},
//  "skipped":[{"row","line","reason"}]}
void to_json(nlohmann::json& j, const import_report& r);

// The lines `opinia import` prints: the three counts, the count per reason, then the listed rows.
void write_report(std::ostream& out, const import_report& r);

}  // namespace opinia::import
