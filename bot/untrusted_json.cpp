// untrusted_json: nlohmann's parser callback sees each container's depth as it opens; returning false
// there keeps the container (and all inside it) out of the result, and the flag rejects the whole text.
#include "bot/untrusted_json.hpp"

namespace opinia::bot {

nlohmann::json parse_untrusted_json(std::string_view text, int max_depth)
{
    bool too_deep = false;
    const auto within_depth = [&too_deep, max_depth](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
        const bool opens = event == nlohmann::json::parse_event_t::object_start ||
                           event == nlohmann::json::parse_event_t::array_start;
        if (opens && depth >= max_depth) too_deep = true;
        return !too_deep;
    };
    auto value = nlohmann::json::parse(text.begin(), text.end(), within_depth, false);
    if (too_deep) return nlohmann::json(nlohmann::json::value_t::discarded);
    return value;
}

}  // namespace opinia::bot
