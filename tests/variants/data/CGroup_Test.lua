-- A conversion group in the shape of zh.wikipedia's Module:CGroup/* pages (both item styles).
local Item = require('Module:CGroup/core').Item;

return {
	name = 'Test',
	description = '测试用转换组',
	content = {
		{ type = 'text', text = [[
== 国家 ==
]] },
		{ type = 'item', original = '阿塞拜疆', rule = 'zh-cn:阿塞拜疆; zh-tw:亞塞拜然國; zh-hk:阿塞拜疆國;' },
		{ type = "item", rule = "zh-cn:格鲁吉亚; zh-tw:喬治亞國;", original = "格鲁吉亚" },
		Item('纳卡', 'zh-cn:纳卡; zh-tw:納卡共和國;'),
		Item(nil, '亚美尼亚=>zh-tw:亞美尼亞國;'),
	},
}
