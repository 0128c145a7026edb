// fuzz_answer_parser: typed answers never crash the reader, and what it accepts is in range and valid UTF-8.
#include <cstdint>
#include <cstdlib>
#include "bot/answer_parser.hpp"
#include "bot/utf8_text.hpp"

using opinia::bot::answer_parser;

namespace {

void require(bool condition)
{
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 2) return 0;
    // The first two bytes pick the scale and the text limit, so every shape of step is explored.
    const int min = data[0] % 2;
    const int max = min + 1 + data[0] / 2 % 10;
    const int max_length = 1 + data[1] % 64;
    const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);

    const auto scale = answer_parser::read_scale(text, min, max);
    if (scale.ok) require(scale.value && *scale.value >= min && *scale.value <= max);
    else require(!scale.problem.empty());

    const auto comment = answer_parser::read_text(text, max_length, data[1] & 0x80);
    if (comment.ok && comment.text) {
        require(opinia::bot::is_valid_utf8(*comment.text));
        require(opinia::bot::count_code_points(*comment.text) <= static_cast<std::size_t>(max_length));
    }

    const std::vector<opinia::bot::choice_option> options = [] {
        std::vector<opinia::bot::choice_option> o(3);
        o[0].value = "phone";
        o[1].value = "email";
        o[2].value = "chat";
        return o;
    }();
    const auto choice = answer_parser::read_choice(text, options);
    if (choice.ok) require(choice.text && (*choice.text == "phone" || *choice.text == "email" || *choice.text == "chat"));

    const auto value = nlohmann::json::parse(text, nullptr, false);
    if (!value.is_discarded()) {
        const auto quick = answer_parser::read_scale_value(value, min, max);
        if (quick.ok) require(quick.value && *quick.value >= min && *quick.value <= max);
        answer_parser::read_choice_value(value, options);
    }
    return 0;
}
