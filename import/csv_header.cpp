// csv_header: decoding the header row and finding the columns the options name.
#include "import/csv_header.hpp"
#include <algorithm>
#include <fstream>
#include <sstream>
#include "import/import_error.hpp"

namespace opinia::import {

std::string read_import_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw import_error(path + ": cannot open the file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw import_error(path + ": cannot read the file");
    return std::move(buffer).str();
}

std::string_view trim_blanks(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

csv_header::csv_header(const csv_record& header, text_encoding encoding)
{
    for (const auto& field : header.fields) {
        auto name = to_utf8(field, encoding);
        if (!name) throw import_error("the header row is not valid UTF-8; is the file Latin-1 (--encoding latin-1)?");
        if (names_.empty() && name->starts_with("\xEF\xBB\xBF")) name->erase(0, 3);
        names_.push_back(std::move(*name));
    }
}

std::size_t csv_header::index_of(const std::string& column, const char* option) const
{
    auto it = std::find(names_.begin(), names_.end(), column);
    // Headers padded with spaces are common; an exact match wins, a trimmed one is accepted.
    if (it == names_.end())
        it = std::find_if(names_.begin(), names_.end(),
                          [&](const std::string& n) { return trim_blanks(n) == trim_blanks(column); });
    if (it == names_.end()) {
        std::string known;
        for (const auto& n : names_) known += (known.empty() ? "\"" : ", \"") + n + "\"";
        throw import_error(std::string(option) + ": no column \"" + column + "\" in the header; the columns are " + known);
    }
    return static_cast<std::size_t>(it - names_.begin());
}

}  // namespace opinia::import
