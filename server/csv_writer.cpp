// csv_writer: quoting and formula neutralising, one cell at a time.
#include "server/csv_writer.hpp"

namespace opinia::server {

void csv_writer::separate()
{
    if (row_started_) out_ += ',';
    row_started_ = true;
}

csv_writer& csv_writer::text(std::string_view value)
{
    separate();
    std::string cell;
    // OWASP's CSV injection advice: a leading quote makes the spreadsheet show the cell as text.
    if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) cell += '\'';
    cell += value;
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        out_ += cell;
        return *this;
    }
    out_ += '"';
    for (char c : cell) {
        if (c == '"') out_ += '"';
        out_ += c;
    }
    out_ += '"';
    return *this;
}

csv_writer& csv_writer::number(std::optional<std::int64_t> value)
{
    separate();
    if (value) out_ += std::to_string(*value);
    return *this;
}

void csv_writer::end_row()
{
    out_ += "\r\n";
    row_started_ = false;
}

}  // namespace opinia::server
