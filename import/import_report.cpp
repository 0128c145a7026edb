// import_report: counting skips and printing the outcome of an import.
#include "import/import_report.hpp"

namespace opinia::import {

void import_report::add_skip(skipped_row skip, std::size_t max_listed) {
    ++rows_skipped;
    ++skipped_by_kind[skip.kind];
    if (skipped.size() < max_listed) skipped.push_back(std::move(skip));
}

void to_json(nlohmann::json& j, const import_report& r) {
    auto listed = nlohmann::json::array();
    for (const auto& s : r.skipped) listed.push_back({{"row", s.row}, {"line", s.line}, {"reason", s.reason}});
    j = nlohmann::json{
        {"rows_read", r.rows_read},
        {"rows_imported", r.rows_imported},
        {"rows_skipped", r.rows_skipped},
        {"answers_written", r.answers_written},
        {"skipped_by_reason", r.skipped_by_kind},
        {"skipped", std::move(listed)},
    };
}

void write_report(std::ostream& out, const import_report& r) {
    out << "rows read: " << r.rows_read << "\n"
        << "rows imported: " << r.rows_imported << "\n"
        << "rows skipped: " << r.rows_skipped << "\n";
    for (const auto& [kind, count] : r.skipped_by_kind) out << "  " << count << " × " << kind << "\n";
    for (const auto& s : r.skipped) out << "  row " << s.row << " (line " << s.line << "): " << s.reason << "\n";
    if (static_cast<std::int64_t>(r.skipped.size()) < r.rows_skipped)
        out << "  … and " << (r.rows_skipped - static_cast<std::int64_t>(r.skipped.size())) << " more skipped rows\n";
}

}  // namespace opinia::import
