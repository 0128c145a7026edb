// csv_reader: a single-pass RFC 4180 state machine over a byte buffer.
#include "import/csv_reader.hpp"

namespace opinia::import {

csv_reader::csv_reader(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}

void csv_reader::end_of_line() {
    // pos_ is on '\r' or '\n'; CRLF counts as one line break.
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
}

bool csv_reader::next(csv_record& record) {
    // Blank lines are not records.
    while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) end_of_line();
    if (pos_ >= text_.size()) return false;

    record.line = line_;
    record.unterminated_quote = false;
    std::size_t count = 0;
    auto next_field = [&]() -> std::string& {
        if (count == record.fields.size()) record.fields.emplace_back();
        auto& f = record.fields[count++];
        f.clear();
        return f;
    };

    std::string* field = &next_field();
    bool at_field_start = true;
    while (pos_ < text_.size()) {
        const char c = text_[pos_];
        if (c == '"' && at_field_start) {
            // Quoted field: runs to the next quote that is not doubled.
            ++pos_;
            bool closed = false;
            while (pos_ < text_.size()) {
                const auto quote = text_.find('"', pos_);
                if (quote == std::string_view::npos) break;
                const auto chunk = text_.substr(pos_, quote - pos_);
                for (char k : chunk)
                    if (k == '\n') ++line_;
                field->append(chunk);
                if (quote + 1 < text_.size() && text_[quote + 1] == '"') {
                    *field += '"';
                    pos_ = quote + 2;
                } else {
                    pos_ = quote + 1;
                    closed = true;
                    break;
                }
            }
            if (!closed) {
                const auto rest = text_.substr(pos_);
                for (char k : rest)
                    if (k == '\n') ++line_;
                field->append(rest);
                pos_ = text_.size();
                record.unterminated_quote = true;
                break;
            }
            at_field_start = false;
        } else if (c == delimiter_) {
            ++pos_;
            field = &next_field();
            at_field_start = true;
        } else if (c == '\n' || c == '\r') {
            end_of_line();
            break;
        } else {
            // Copy the run of plain bytes up to the next delimiter, quote or line break at once.
            auto end = pos_ + 1;
            while (end < text_.size() && text_[end] != delimiter_ && text_[end] != '\n' && text_[end] != '\r' &&
                   text_[end] != '"')
                ++end;
            field->append(text_.substr(pos_, end - pos_));
            pos_ = end;
            at_field_start = false;
        }
    }
    record.fields.resize(count);
    return true;
}

}  // namespace opinia::import
