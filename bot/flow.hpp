// flow: one versioned survey flow (steps, texts per locale, conditions) as loaded from a JSON document.
#pragma once
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

namespace opinia::bot {

struct conversation_context;

// A flow document that cannot be used; the message names the file and the field.
class flow_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Locale ("en", "pl", …) -> text. Every text has at least the flow's declared locales.
using localized_text = std::map<std::string, std::string>;

enum class step_kind { say, nps, csat, ces, text, choice };

// One test on an earlier answer or on the conversation's context. All given parts must hold.
struct condition {
    std::string answer;                  // step id whose answer is tested, or empty
    std::string context;                 // "agent" | "channel" | "touchpoint" | "interaction" | "stage", or empty
    std::optional<int> min;              // numeric answer >= min
    std::optional<int> max;              // numeric answer <= max
    std::vector<std::string> in;         // value (as text) is one of these
    std::vector<std::string> not_in;     // value (as text) is none of these
};

// A text used instead of the step's own text when all its conditions hold (first match wins).
struct text_variant {
    std::vector<condition> when;
    localized_text text;
};

struct choice_option {
    std::string value;                   // what is stored
    localized_text label;                // what is shown
};

struct flow_step {
    std::string id;
    step_kind kind = step_kind::say;
    localized_text text;                 // may recall earlier answers as {step_id}
    std::vector<text_variant> variants;
    std::vector<condition> when;         // asked only when all hold
    std::vector<condition> unless;       // skipped when any holds

    // Scales (nps, csat, ces).
    int scale_min = 0;
    int scale_max = 0;
    int good_from = 0;                   // promoter (nps 9), satisfied (csat) or easy (ces) threshold
    std::optional<localized_text> label_min;
    std::optional<localized_text> label_max;

    // Text.
    bool optional = false;
    int max_length = 1000;               // in code points

    // Choice.
    std::vector<choice_option> options;

    bool is_question() const { return kind != step_kind::say; }
    bool is_scale() const { return kind == step_kind::nps || kind == step_kind::csat || kind == step_kind::ces; }
    // "nps" | "csat" | "ces" | "text" | "choice" | "say"
    std::string question_type() const;
};

struct flow {
    std::string name;
    int version = 0;
    std::vector<std::string> locales;    // complete locales; the first fallback is "en"
    localized_text done;
    std::vector<flow_step> steps;
    std::string source;                  // file it was read from, for messages

    const flow_step* find_step(const std::string& id) const;
    std::optional<std::size_t> step_index(const std::string& id) const;
    bool has_locale(const std::string& locale) const;

    // Validates and reads one flow document; throws flow_error naming `source` and the field.
    static flow from_json(const nlohmann::json& document, const std::string& source);
};

// The text for `locale`, falling back to English, then to any text there is.
const std::string& pick_text(const localized_text& text, const std::string& locale);

// Whether a condition holds for these answers (step id -> value) and this context.
bool holds(const condition& c, const nlohmann::json& answers, const conversation_context& context);

}  // namespace opinia::bot
