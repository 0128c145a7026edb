// answer_parser: normalizes typed answers (Unicode digits, dashes, case) and reads them with a small grammar.
#include "bot/answer_parser.hpp"

#include <algorithm>
#include <map>
#include <unicode/uchar.h>
#include "bot/utf8_text.hpp"

namespace opinia::bot {

namespace {

// One code point after normalization, still pointing at its bytes in what the customer typed.
struct symbol {
    char32_t c = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
};

struct normalized {
    std::vector<symbol> symbols;
    bool unicode_digits = false;
};

bool is_fraction_char(char32_t c) {
    const double v = u_getNumericValue(static_cast<UChar32>(c));
    return v != U_NO_NUMERIC_VALUE && v > 0 && v < 1;  // ½, ¼, ⅔ …
}

normalized normalize(std::string_view text) {
    normalized out;
    for (const auto& cp : decode_utf8(text)) {
        const auto c = static_cast<UChar32>(cp.value);
        auto push = [&](char32_t n) { out.symbols.push_back({n, cp.begin, cp.end}); };
        if (c == 0xFE0F || c == 0x20E3 || c == 0x200B || c == 0x200D) continue;  // emoji presentation, keycap, zero-width
        if (c == 0x1F51F) {  // 🔟 keycap ten
            push('1'), push('0');
            continue;
        }
        if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {
            if (c > 0x7F) out.unicode_digits = true;
            push(static_cast<char32_t>('0' + u_charDigitValue(c)));
        } else if (u_isUWhiteSpace(c)) {
            push(' ');
        } else if (c == '-' || u_hasBinaryProperty(c, UCHAR_DASH)) {
            push('-');  // hyphen, en and em dash, minus sign
        } else if (c == 0xFF0F || c == 0x2044 || c == 0x2215) {
            push('/');
        } else if (c == 0xFF0C || c == 0x066C || c == 0x060C) {
            push(',');
        } else if (c == 0xFF0E || c == 0x066B) {
            push('.');
        } else {
            push(static_cast<char32_t>(u_foldCase(c, U_FOLD_CASE_DEFAULT)));
        }
    }
    return out;
}

// Number words that can answer a 0–10 scale; Polish also without diacritics, as people often type it.
const std::map<std::string, int>& number_words() {
    static const std::map<std::string, int> words{
        {"zero", 0},    {"one", 1},      {"two", 2},      {"three", 3},     {"four", 4},        {"five", 5},
        {"six", 6},     {"seven", 7},    {"eight", 8},    {"nine", 9},      {"ten", 10},        {"jeden", 1},
        {"jedna", 1},   {"jedno", 1},    {"dwa", 2},      {"dwie", 2},      {"trzy", 3},        {"cztery", 4},
        {"pięć", 5},    {"piec", 5},     {"sześć", 6},    {"szesc", 6},     {"siedem", 7},      {"osiem", 8},
        {"dziewięć", 9}, {"dziewiec", 9}, {"dziesięć", 10}, {"dziesiec", 10},
    };
    return words;
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_letter(char32_t c) { return u_isalpha(static_cast<UChar32>(c)); }

struct number_token {
    long long value = 0;
    std::size_t end = 0;
    bool word = false;
};

// Cursor over normalized symbols.
class scale_reader {
public:
    explicit scale_reader(const normalized& n) : s_(n.symbols) {}

    std::size_t size() const { return s_.size(); }
    char32_t at(std::size_t i) const { return i < s_.size() ? s_[i].c : 0; }
    const symbol& sym(std::size_t i) const { return s_[i]; }

    std::size_t skip_spaces(std::size_t i) const {
        while (i < s_.size() && s_[i].c == ' ') ++i;
        return i;
    }

    // The run of letters starting at i (folded), and where it ends.
    std::string word_at(std::size_t i, std::size_t& end) const {
        std::string w;
        end = i;
        while (end < s_.size() && is_letter(s_[end].c)) w += encode_utf8(s_[end++].c);
        return w;
    }

    std::optional<number_token> number_at(std::size_t i) const {
        if (i >= s_.size()) return std::nullopt;
        if (is_digit(s_[i].c)) {
            number_token t;
            std::size_t digits = 0;
            while (i < s_.size() && is_digit(s_[i].c)) {
                if (++digits <= 9) t.value = t.value * 10 + (s_[i].c - '0');
                else t.value = 1000000000;  // far out of any scale; no overflow
                ++i;
            }
            t.end = i;
            return t;
        }
        std::size_t end = 0;
        const auto w = word_at(i, end);
        if (const auto it = number_words().find(w); !w.empty() && it != number_words().end())
            return number_token{it->second, end, true};
        return std::nullopt;
    }

    // A fraction right after a number: "6.5", "6,5", "6½".
    bool fraction_at(std::size_t i) const {
        if ((at(i) == '.' || at(i) == ',') && is_digit(at(i + 1))) return true;
        return i < s_.size() && is_fraction_char(s_[i].c);
    }

    // "/10", "out of 10", "of 10", "na 10", "z 10": returns the denominator.
    std::optional<number_token> denominator_at(std::size_t i) const {
        if (at(i) == '/') return number_at(skip_spaces(i + 1));
        std::size_t end = 0;
        auto w = word_at(i, end);
        if (w == "out") {
            w = word_at(skip_spaces(end), end);
            if (w != "of") return std::nullopt;
        } else if (w != "of" && w != "na" && w != "z" && w != "ze") {
            return std::nullopt;
        }
        return number_at(skip_spaces(end));
    }

    // "or 8", "- 8", "albo 8", "lub 8", ", 8": a second score offered as an alternative.
    bool alternative_at(std::size_t i) const {
        if (number_at(i)) return true;
        std::size_t after = i;
        const char32_t c = at(i);
        if (c == '-' || c == '/' || c == '~' || c == '&' || c == '+' || c == ',' || c == ';' || c == '|') {
            after = i + 1;
        } else {
            static const std::vector<std::string> words{"or", "to", "and", "albo", "lub", "czy", "do", "i", "oraz", "lecz"};
            const auto w = word_at(i, after);
            if (std::find(words.begin(), words.end(), w) == words.end()) return false;
        }
        return number_at(skip_spaces(after)).has_value();
    }

private:
    const std::vector<symbol>& s_;
};

answer_reading failure(std::string problem) {
    answer_reading r;
    r.problem = std::move(problem);
    return r;
}

bool is_separator(char32_t c) {
    return c == '-' || c == ',' || c == '.' || c == ':' || c == ';' || c == '!' || c == '?' || c == ')' || c == '(' ||
           c == ' ' || c == '/' || c == '|' || c == '~' || c == '*';
}

}  // namespace

answer_reading answer_parser::read_scale(std::string_view text, int min, int max) {
    if (!is_valid_utf8(text)) return failure("invalid_utf8");
    const auto n = normalize(text);
    const scale_reader r(n);
    auto i = r.skip_spaces(0);
    if (i == r.size()) return failure("empty");

    // A sign or "minus" before a number is a negative score, never read as the number itself.
    {
        std::size_t end = 0;
        const auto w = r.word_at(i, end);
        if ((r.at(i) == '-' && r.number_at(r.skip_spaces(i + 1))) || (w == "minus" && r.number_at(r.skip_spaces(end))))
            return failure("negative");
        if (r.at(i) == '+' && r.number_at(r.skip_spaces(i + 1))) return failure("not_a_number");
    }
    if (i < r.size() && is_fraction_char(r.at(i))) return failure("fractional");
    const auto number = r.number_at(i);
    if (!number) return failure("not_a_number");
    i = number->end;
    if (r.fraction_at(i)) return failure("fractional");
    if (!number->word && i < r.size() && (is_letter(r.at(i)) || r.at(i) == '%'))
        return failure("not_a_number");  // "9am", "1st", "90%"

    bool out_of = false;
    const auto d = r.skip_spaces(i);
    if (const auto denominator = r.denominator_at(d)) {
        if (r.fraction_at(denominator->end)) return failure("fractional");
        if (denominator->value != max) return failure("wrong_scale");  // "8/10" on a 1–5 scale is not rescaled
        out_of = true;
        i = denominator->end;
    } else if (r.at(d) == '/') {
        return failure("not_a_number");  // "9/" or "9/x"
    }

    auto rest = r.skip_spaces(i);
    if (r.alternative_at(rest)) return failure("ambiguous");
    // A number word must stand alone or be set off by punctuation: "one of the best" is not a 1.
    if (number->word && rest < r.size() && !is_separator(r.at(rest))) return failure("not_a_number");
    if (number->value < min || number->value > max) return failure("out_of_range");

    answer_reading out;
    out.ok = true;
    out.value = static_cast<int>(number->value);
    out.method = number->word ? "words" : n.unicode_digits ? "unicode_digits" : "digits";
    if (out_of) out.method += "_out_of";
    while (rest < r.size() && is_separator(r.at(rest))) ++rest;
    if (rest < r.size()) {
        const auto remainder = trim_space(text.substr(r.sym(rest).begin));
        bool has_letter = false;
        for (const auto& cp : decode_utf8(remainder)) has_letter = has_letter || is_letter(cp.value);
        if (has_letter) out.remainder = std::string(remainder);  // ":)" or "👍" after a score is not a comment
    }
    return out;
}

answer_reading answer_parser::read_scale_value(const nlohmann::json& value, int min, int max) {
    long long n = 0;
    if (value.is_number_integer()) {
        n = value.get<long long>();
    } else if (value.is_number_float()) {
        return failure("fractional");  // quick replies send integers; 6.5 (or 6.0) is not one
    } else if (value.is_string()) {
        const auto s = value.get<std::string>();
        if (s.empty()) return failure("empty");
        if (s.find_first_of(".,") != std::string::npos) return failure("fractional");
        if (s[0] == '-') return failure("negative");
        if (s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) return failure("not_a_number");
        n = std::stoll(s);
    } else {
        return failure("not_a_number");
    }
    if (n < 0 && min >= 0) return failure("negative");
    if (n < min || n > max) return failure("out_of_range");
    answer_reading out;
    out.ok = true;
    out.value = static_cast<int>(n);
    out.method = "quick_reply";
    return out;
}

answer_reading answer_parser::read_choice(std::string_view text, const std::vector<choice_option>& options) {
    if (!is_valid_utf8(text)) return failure("invalid_utf8");
    const auto trimmed = trim_space(text);
    if (trimmed.empty()) return failure("empty");
    auto number = read_scale(trimmed, 1, static_cast<int>(options.size()));
    if (number.ok) {
        answer_reading out;
        out.ok = true;
        out.text = options[static_cast<std::size_t>(*number.value - 1)].value;
        out.value = number.value;
        out.method = "choice_number";
        return out;
    }
    if (number.problem != "not_a_number") return failure(number.problem == "out_of_range" ? "no_such_option" : number.problem);
    const auto folded = fold_case(trimmed);
    for (const char* method : {"choice_label", "choice_value"}) {
        for (const auto& option : options) {
            bool match = false;
            if (std::string(method) == "choice_label") {
                for (const auto& [locale, label] : option.label) match = match || fold_case(trim_space(label)) == folded;
            } else {
                match = fold_case(option.value) == folded;
            }
            if (match) {
                answer_reading out;
                out.ok = true;
                out.text = option.value;
                out.method = method;
                return out;
            }
        }
    }
    return failure("no_such_option");
}

answer_reading answer_parser::read_choice_value(const nlohmann::json& value, const std::vector<choice_option>& options) {
    if (!value.is_string()) return failure("no_such_option");
    for (const auto& option : options) {
        if (option.value == value.get<std::string>()) {
            answer_reading out;
            out.ok = true;
            out.text = option.value;
            out.method = "quick_reply";
            return out;
        }
    }
    return failure("no_such_option");
}

answer_reading answer_parser::read_text(std::string_view text, int max_length, bool optional) {
    if (!is_valid_utf8(text)) return failure("invalid_utf8");
    const auto trimmed = trim_space(text);
    answer_reading out;
    if (trimmed.empty()) {
        if (!optional) return failure("required");
        out.ok = true;
        out.skipped = true;
        out.method = "empty";
        return out;
    }
    out.ok = true;
    const auto limit = static_cast<std::size_t>(max_length < 0 ? 0 : max_length);
    if (count_code_points(trimmed) > limit) {
        out.text = truncate_code_points(trimmed, limit);
        out.method = "truncated";
    } else {
        out.text = std::string(trimmed);
        out.method = "text";
    }
    return out;
}

}  // namespace opinia::bot
