// fuzz_flow_catalog: a flow document is loaded or refused with a flow_error, nothing else.
#include <cstdint>
#include "bot/flow_catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto document = nlohmann::json::parse(data, data + size, nullptr, false);
    if (document.is_discarded()) return 0;
    opinia::bot::flow_catalog catalog;
    try {
        catalog.add(document, "fuzz.json");
    } catch (const opinia::bot::flow_error&) {
        return 0;  // refused with a message naming the field
    }
    // Loaded: it can be found by its name.
    for (const auto& name : catalog.names())
        if (!catalog.find(name)) __builtin_trap();
    return 0;
}
