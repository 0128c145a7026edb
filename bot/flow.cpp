// flow: validation of flow documents and the small queries the engine makes on them.
#include "bot/flow.hpp"

#include <algorithm>
#include <set>
#include "bot/conversation_state.hpp"

namespace opinia::bot {

using nlohmann::json;

namespace {

[[noreturn]] void fail(const std::string& source, const std::string& field, const std::string& problem) {
    throw flow_error(source + ": " + field + ": " + problem);
}

bool is_identifier(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

// Reads one document, remembering the file so that every error can name it.
class flow_reader {
public:
    explicit flow_reader(std::string source) : source_(std::move(source)) {}

    flow read(const json& doc) {
        if (!doc.is_object()) fail(source_, "(document)", "must be a JSON object");
        check_keys(doc, "(document)", {"name", "version", "description", "locales", "steps", "done"});
        flow f;
        f.source = source_;
        f.name = string_field(doc, "name", "name");
        if (!is_identifier(f.name)) fail(source_, "name", "must be lower-case letters, digits, '_' or '-'");
        if (!doc.contains("version") || !doc["version"].is_number_integer() || doc["version"].get<long long>() < 1 ||
            doc["version"].get<long long>() > 1000000)
            fail(source_, "version", "must be a whole number >= 1");
        f.version = doc["version"].get<int>();
        if (doc.contains("description") && !doc["description"].is_string())
            fail(source_, "description", "must be a string");

        if (!doc.contains("locales") || !doc["locales"].is_array() || doc["locales"].empty())
            fail(source_, "locales", "must be a non-empty array of locale codes such as \"en\"");
        for (std::size_t i = 0; i < doc["locales"].size(); ++i) {
            const auto& l = doc["locales"][i];
            const auto field = "locales[" + std::to_string(i) + "]";
            if (!l.is_string() || !is_identifier(l.get<std::string>())) fail(source_, field, "must be a locale code such as \"pl\"");
            f.locales.push_back(l.get<std::string>());
        }
        if (std::find(f.locales.begin(), f.locales.end(), "en") == f.locales.end())
            fail(source_, "locales", "must include \"en\", the fallback locale");
        locales_ = f.locales;

        if (!doc.contains("steps") || !doc["steps"].is_array() || doc["steps"].empty())
            fail(source_, "steps", "must be a non-empty array");
        std::set<std::string> ids;
        for (std::size_t i = 0; i < doc["steps"].size(); ++i) {
            auto step = read_step(doc["steps"][i], "steps[" + std::to_string(i) + "]", f);
            if (!ids.insert(step.id).second)
                fail(source_, "steps[" + std::to_string(i) + "].id", "duplicate step id \"" + step.id + "\"");
            f.steps.push_back(std::move(step));
        }
        if (std::none_of(f.steps.begin(), f.steps.end(), [](const flow_step& s) { return s.is_question(); }))
            fail(source_, "steps", "must contain at least one question");
        if (!doc.contains("done")) fail(source_, "done", "is required (the closing text)");
        f.done = text_field(doc["done"], "done", f, f.steps.size());
        return f;
    }

private:
    void check_keys(const json& obj, const std::string& field, std::initializer_list<const char*> allowed) {
        for (const auto& item : obj.items()) {
            // A named copy, not a structured binding: clang 14 (the fuzz build) cannot capture those.
            const std::string& key = item.key();
            if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
                fail(source_, field + "." + key, "unknown field");
        }
    }

    std::string string_field(const json& obj, const char* key, const std::string& field) {
        if (!obj.contains(key) || !obj[key].is_string() || obj[key].get<std::string>().empty())
            fail(source_, field, "must be a non-empty string");
        return obj[key].get<std::string>();
    }

    // `before` is the index of the step that owns the text: recalls may only name earlier questions.
    localized_text text_field(const json& value, const std::string& field, const flow& f, std::size_t before) {
        if (!value.is_object()) fail(source_, field, "must be an object of locale -> text, e.g. {\"en\": \"…\", \"pl\": \"…\"}");
        localized_text out;
        for (const auto& [locale, text] : value.items()) {
            if (!text.is_string() || text.get<std::string>().empty())
                fail(source_, field + "." + locale, "must be a non-empty string");
            check_recalls(text.get<std::string>(), field + "." + locale, f, before);
            out[locale] = text.get<std::string>();
        }
        for (const auto& locale : locales_) {
            if (!out.count(locale)) fail(source_, field + "." + locale, "missing text for declared locale \"" + locale + "\"");
        }
        return out;
    }

    void check_recalls(const std::string& text, const std::string& field, const flow& f, std::size_t before) {
        std::size_t pos = 0;
        while ((pos = text.find('{', pos)) != std::string::npos) {
            const auto close = text.find('}', pos);
            if (close == std::string::npos) fail(source_, field, "has '{' without a closing '}'");
            const auto name = text.substr(pos + 1, close - pos - 1);
            const auto index = f.step_index(name);
            if (!index || *index >= before || !f.steps[*index].is_question())
                fail(source_, field, "recalls {" + name + "}, which is not an earlier question step");
            pos = close + 1;
        }
    }

    std::vector<condition> conditions_field(const json& value, const std::string& field, const flow& f) {
        std::vector<condition> out;
        if (value.is_object()) {
            out.push_back(read_condition(value, field, f));
        } else if (value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i)
                out.push_back(read_condition(value[i], field + "[" + std::to_string(i) + "]", f));
        } else {
            fail(source_, field, "must be a condition object or an array of them");
        }
        return out;
    }

    std::vector<std::string> string_list(const json& value, const std::string& field) {
        if (!value.is_array() || value.empty()) fail(source_, field, "must be a non-empty array");
        std::vector<std::string> out;
        for (const auto& v : value) {
            if (v.is_string()) out.push_back(v.get<std::string>());
            else if (v.is_number_integer()) out.push_back(std::to_string(v.get<long long>()));
            else fail(source_, field, "must hold strings or whole numbers");
        }
        return out;
    }

    condition read_condition(const json& value, const std::string& field, const flow& f) {
        if (!value.is_object()) fail(source_, field, "must be an object");
        check_keys(value, field, {"answer", "context", "min", "max", "in", "not_in"});
        condition c;
        if (value.contains("answer") == value.contains("context"))
            fail(source_, field, "needs exactly one of \"answer\" (a step id) or \"context\"");
        if (value.contains("answer")) {
            c.answer = string_field(value, "answer", field + ".answer");
            const auto index = f.step_index(c.answer);
            if (!index || !f.steps[*index].is_question())
                fail(source_, field + ".answer", "\"" + c.answer + "\" is not an earlier question step");  // later steps are not loaded yet
        } else {
            c.context = string_field(value, "context", field + ".context");
            static const std::set<std::string> known{"agent", "channel", "touchpoint", "interaction", "stage"};
            if (!known.count(c.context))
                fail(source_, field + ".context", "must be agent, channel, touchpoint, interaction or stage");
        }
        for (const char* bound : {"min", "max"}) {
            if (!value.contains(bound)) continue;
            if (!value[bound].is_number_integer()) fail(source_, field + "." + bound, "must be a whole number");
            (std::string(bound) == "min" ? c.min : c.max) = value[bound].get<int>();
        }
        if (value.contains("in")) c.in = string_list(value["in"], field + ".in");
        if (value.contains("not_in")) c.not_in = string_list(value["not_in"], field + ".not_in");
        return c;
    }

    flow_step read_step(const json& value, const std::string& field, const flow& f) {
        if (!value.is_object()) fail(source_, field, "must be an object");
        flow_step s;
        s.id = string_field(value, "id", field + ".id");
        if (!is_identifier(s.id)) fail(source_, field + ".id", "must be lower-case letters, digits, '_' or '-'");
        const auto kind = string_field(value, "kind", field + ".kind");
        static const std::map<std::string, step_kind> kinds{{"say", step_kind::say},   {"nps", step_kind::nps},
                                                              {"csat", step_kind::csat}, {"ces", step_kind::ces},
                                                              {"text", step_kind::text}, {"choice", step_kind::choice}};
        const auto k = kinds.find(kind);
        if (k == kinds.end()) fail(source_, field + ".kind", "must be say, nps, csat, ces, text or choice");
        s.kind = k->second;

        switch (s.kind) {
        case step_kind::say: check_keys(value, field, {"id", "kind", "text", "variants", "when", "unless"}); break;
        case step_kind::nps: check_keys(value, field, {"id", "kind", "text", "variants", "when", "unless", "labels"}); break;
        case step_kind::csat:
        case step_kind::ces:
            check_keys(value, field, {"id", "kind", "text", "variants", "when", "unless", "labels", "scale_max", "good_from"});
            break;
        case step_kind::text:
            check_keys(value, field, {"id", "kind", "text", "variants", "when", "unless", "optional", "max_length"});
            break;
        case step_kind::choice: check_keys(value, field, {"id", "kind", "text", "variants", "when", "unless", "options"}); break;
        }

        const auto here = f.steps.size();  // the index this step will get
        if (!value.contains("text")) fail(source_, field + ".text", "is required");
        s.text = text_field(value["text"], field + ".text", f, here);
        if (value.contains("variants")) {
            const auto& variants = value["variants"];
            if (!variants.is_array()) fail(source_, field + ".variants", "must be an array");
            for (std::size_t i = 0; i < variants.size(); ++i) {
                const auto vfield = field + ".variants[" + std::to_string(i) + "]";
                if (!variants[i].is_object()) fail(source_, vfield, "must be an object");
                check_keys(variants[i], vfield, {"when", "text"});
                if (!variants[i].contains("when")) fail(source_, vfield + ".when", "is required");
                if (!variants[i].contains("text")) fail(source_, vfield + ".text", "is required");
                s.variants.push_back({conditions_field(variants[i]["when"], vfield + ".when", f),
                                      text_field(variants[i]["text"], vfield + ".text", f, here)});
            }
        }
        if (value.contains("when")) s.when = conditions_field(value["when"], field + ".when", f);
        if (value.contains("unless")) s.unless = conditions_field(value["unless"], field + ".unless", f);

        if (s.is_scale()) read_scale(value, field, f, s);
        if (s.kind == step_kind::text) {
            if (value.contains("optional")) {
                if (!value["optional"].is_boolean()) fail(source_, field + ".optional", "must be true or false");
                s.optional = value["optional"].get<bool>();
            }
            if (value.contains("max_length")) {
                const auto& m = value["max_length"];
                if (!m.is_number_integer() || m.get<long long>() < 1 || m.get<long long>() > 100000)
                    fail(source_, field + ".max_length", "must be a whole number from 1 to 100000");
                s.max_length = m.get<int>();
            }
        }
        if (s.kind == step_kind::choice) {
            if (!value.contains("options") || !value["options"].is_array() || value["options"].size() < 2)
                fail(source_, field + ".options", "must be an array of at least two {value, label}");
            std::set<std::string> values;
            for (std::size_t i = 0; i < value["options"].size(); ++i) {
                const auto& o = value["options"][i];
                const auto ofield = field + ".options[" + std::to_string(i) + "]";
                if (!o.is_object()) fail(source_, ofield, "must be an object {value, label}");
                check_keys(o, ofield, {"value", "label"});
                choice_option option;
                option.value = string_field(o, "value", ofield + ".value");
                if (!values.insert(option.value).second) fail(source_, ofield + ".value", "duplicate option value");
                if (!o.contains("label")) fail(source_, ofield + ".label", "is required");
                option.label = text_field(o["label"], ofield + ".label", f, here);
                s.options.push_back(std::move(option));
            }
        }
        return s;
    }

    void read_scale(const json& value, const std::string& field, const flow& f, flow_step& s) {
        const auto here = f.steps.size();
        if (s.kind == step_kind::nps) {
            s.scale_min = 0, s.scale_max = 10, s.good_from = 9;
        } else {
            // Only the scales the metrics know: CSAT 1–5 / 1–10, CES 1–7 / 1–5.
            const bool csat = s.kind == step_kind::csat;
            s.scale_min = 1;
            s.scale_max = csat ? 5 : 7;
            if (value.contains("scale_max")) {
                const auto& m = value["scale_max"];
                const bool ok = m.is_number_integer() &&
                                (csat ? (m.get<int>() == 5 || m.get<int>() == 10) : (m.get<int>() == 7 || m.get<int>() == 5));
                if (!ok) fail(source_, field + ".scale_max", csat ? "must be 5 or 10 for csat" : "must be 7 or 5 for ces");
                s.scale_max = m.get<int>();
            }
            if (csat) s.good_from = s.scale_max == 5 ? 4 : 8;
            else s.good_from = s.scale_max == 7 ? 5 : 4;
            if (value.contains("good_from")) {
                const auto& g = value["good_from"];
                if (!g.is_number_integer() || g.get<int>() < s.scale_min || g.get<int>() > s.scale_max)
                    fail(source_, field + ".good_from", "must be a whole number inside the scale");
                s.good_from = g.get<int>();
            }
        }
        if (value.contains("labels")) {
            const auto& labels = value["labels"];
            if (!labels.is_object()) fail(source_, field + ".labels", "must be an object {min, max}");
            check_keys(labels, field + ".labels", {"min", "max"});
            if (labels.contains("min")) s.label_min = text_field(labels["min"], field + ".labels.min", f, here);
            if (labels.contains("max")) s.label_max = text_field(labels["max"], field + ".labels.max", f, here);
        }
    }

    std::string source_;
    std::vector<std::string> locales_;
};

std::string value_as_text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    return v.dump();
}

}  // namespace

std::string flow_step::question_type() const {
    switch (kind) {
    case step_kind::say: return "say";
    case step_kind::nps: return "nps";
    case step_kind::csat: return "csat";
    case step_kind::ces: return "ces";
    case step_kind::text: return "text";
    case step_kind::choice: return "choice";
    }
    return "say";
}

const flow_step* flow::find_step(const std::string& id) const {
    const auto index = step_index(id);
    return index ? &steps[*index] : nullptr;
}

std::optional<std::size_t> flow::step_index(const std::string& id) const {
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].id == id) return i;
    }
    return std::nullopt;
}

bool flow::has_locale(const std::string& locale) const {
    return std::find(locales.begin(), locales.end(), locale) != locales.end();
}

flow flow::from_json(const json& document, const std::string& source) {
    return flow_reader(source).read(document);
}

const std::string& pick_text(const localized_text& text, const std::string& locale) {
    if (auto it = text.find(locale); it != text.end()) return it->second;
    if (auto it = text.find("en"); it != text.end()) return it->second;
    static const std::string empty;
    return text.empty() ? empty : text.begin()->second;
}

bool holds(const condition& c, const json& answers, const conversation_context& context) {
    std::optional<json> value;
    if (!c.answer.empty()) {
        if (answers.is_object() && answers.contains(c.answer) && !answers[c.answer].is_null()) value = answers[c.answer];
    } else {
        const std::string* field = c.context == "agent"         ? &context.agent
                                   : c.context == "channel"     ? &context.channel
                                   : c.context == "touchpoint"  ? &context.touchpoint
                                   : c.context == "interaction" ? &context.interaction
                                                                : &context.stage;
        if (!field->empty()) value = *field;
    }
    if (!value) {
        // A missing answer or context satisfies nothing except an exclusion list.
        return !c.min && !c.max && c.in.empty() && c.answer.empty() && !c.not_in.empty();
    }
    if (c.min || c.max) {
        if (!value->is_number_integer()) return false;
        const auto n = value->get<long long>();
        if (c.min && n < *c.min) return false;
        if (c.max && n > *c.max) return false;
    }
    const auto text = value_as_text(*value);
    if (!c.in.empty() && std::find(c.in.begin(), c.in.end(), text) == c.in.end()) return false;
    if (!c.not_in.empty() && std::find(c.not_in.begin(), c.not_in.end(), text) != c.not_in.end()) return false;
    return true;
}

}  // namespace opinia::bot
