"""What the synthetic archive's articles are made of, shaped like provincial S&T news.

- **Provinces**: the 63 provinces before 1 July 2025 and the 34 after it (Nghị quyết
  202/2025/QH15), each old province with the one it is part of now.
- **Topics**: phrases a journalist searches for, each carried by a known share of the
  articles, falling off as a Zipf law from "chuyển đổi số" (about a tenth of the articles):
  an article has at most one main topic (in its title, category and several sentences) and
  may mention others in passing. Most articles have no topic phrase at all.
- **Rare words**: terms of a few hundred articles or fewer.
- The near-universal term is left to the real sentences: "khoa học" ("Sở Khoa học và Công
  nghệ") is in almost every article, as on these portals.
"""

from __future__ import annotations

from datetime import date

MERGED_ON = date(2025, 7, 1)
# province now -> the provinces it was made of (the first keeps its name, except Huế)
PROVINCES_NOW: dict[str, tuple[str, ...]] = {
    "Hà Nội": ("Hà Nội",),
    "Huế": ("Thừa Thiên Huế",),
    "Lai Châu": ("Lai Châu",),
    "Điện Biên": ("Điện Biên",),
    "Sơn La": ("Sơn La",),
    "Lạng Sơn": ("Lạng Sơn",),
    "Quảng Ninh": ("Quảng Ninh",),
    "Thanh Hóa": ("Thanh Hóa",),
    "Nghệ An": ("Nghệ An",),
    "Hà Tĩnh": ("Hà Tĩnh",),
    "Cao Bằng": ("Cao Bằng",),
    "Tuyên Quang": ("Tuyên Quang", "Hà Giang"),
    "Lào Cai": ("Lào Cai", "Yên Bái"),
    "Thái Nguyên": ("Thái Nguyên", "Bắc Kạn"),
    "Phú Thọ": ("Phú Thọ", "Vĩnh Phúc", "Hòa Bình"),
    "Bắc Ninh": ("Bắc Ninh", "Bắc Giang"),
    "Hưng Yên": ("Hưng Yên", "Thái Bình"),
    "Hải Phòng": ("Hải Phòng", "Hải Dương"),
    "Ninh Bình": ("Ninh Bình", "Hà Nam", "Nam Định"),
    "Quảng Trị": ("Quảng Trị", "Quảng Bình"),
    "Đà Nẵng": ("Đà Nẵng", "Quảng Nam"),
    "Quảng Ngãi": ("Quảng Ngãi", "Kon Tum"),
    "Gia Lai": ("Gia Lai", "Bình Định"),
    "Khánh Hòa": ("Khánh Hòa", "Ninh Thuận"),
    "Lâm Đồng": ("Lâm Đồng", "Đắk Nông", "Bình Thuận"),
    "Đắk Lắk": ("Đắk Lắk", "Phú Yên"),
    "TP. Hồ Chí Minh": ("TP. Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"),
    "Đồng Nai": ("Đồng Nai", "Bình Phước"),
    "Tây Ninh": ("Tây Ninh", "Long An"),
    "Cần Thơ": ("Cần Thơ", "Sóc Trăng", "Hậu Giang"),
    "Vĩnh Long": ("Vĩnh Long", "Bến Tre", "Trà Vinh"),
    "Đồng Tháp": ("Đồng Tháp", "Tiền Giang"),
    "Cà Mau": ("Cà Mau", "Bạc Liêu"),
    "An Giang": ("An Giang", "Kiên Giang"),
}
PROVINCE_NOW = {old: now for now, olds in PROVINCES_NOW.items() for old in olds}
CITIES = {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "TP. Hồ Chí Minh", "Huế"}
# old provinces without a site of their own in the archive (as some portals are not crawled)
NOT_CRAWLED = ("Bắc Kạn", "Lai Châu", "Kon Tum", "Đắk Nông", "Ninh Thuận", "Bạc Liêu",
               "Điện Biên")  # fmt: skip
# information centres with a site beside their Sở
CENTRES = ("Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng", "Hải Phòng")

# phrase, sentences carrying it ({place}, {district}, {crop}, {unit}, {n}, {year} filled in),
# a title, the category of its articles
TOPICS: list[tuple[str, tuple[str, ...], str, str]] = [
    ("chuyển đổi số", (
        "Sở đã tham mưu UBND tỉnh {place} ban hành kế hoạch chuyển đổi số giai đoạn {year} với "
        "{n} nhiệm vụ trọng tâm.",
        "Hội nghị đánh giá kết quả chuyển đổi số tại huyện {district} cho thấy {n}% hồ sơ được "
        "xử lý trực tuyến.",
        "Các doanh nghiệp được hỗ trợ chuyển đổi số trong quản trị sản xuất và bán hàng.",
        "Chỉ số chuyển đổi số cấp tỉnh của {place} năm {year} tăng {n} bậc so với năm trước.",
        "Tổ công nghệ số cộng đồng ở {district} hướng dẫn người dân các kỹ năng chuyển đổi số.",
    ), "Chuyển đổi số {place}: {n} nhiệm vụ trọng tâm năm {year}", "Chuyển đổi số"),
    ("đổi mới sáng tạo", (
        "Trung tâm hỗ trợ đổi mới sáng tạo tỉnh {place} kết nối {n} doanh nghiệp với các viện, "
        "trường.",
        "Chương trình đổi mới sáng tạo giai đoạn {year} tập trung vào sản phẩm {crop} chủ lực.",
        "Hệ sinh thái đổi mới sáng tạo của địa phương từng bước hình thành và phát triển.",
    ), "Thúc đẩy đổi mới sáng tạo trong doanh nghiệp tại {place}", "Khởi nghiệp - Đổi mới"),
    ("sở hữu trí tuệ", (
        "Sở hướng dẫn các hợp tác xã ở {district} xác lập quyền sở hữu trí tuệ cho sản phẩm "
        "{crop}.",
        "Chương trình phát triển tài sản sở hữu trí tuệ tỉnh {place} hỗ trợ {n} nhiệm vụ.",
        "Lớp tập huấn về sở hữu trí tuệ thu hút {n} học viên là cán bộ các sở, ngành.",
    ), "Bảo hộ sở hữu trí tuệ cho đặc sản {crop} {district}", "Sở hữu trí tuệ"),
    ("nông nghiệp công nghệ cao", (
        "Khu nông nghiệp công nghệ cao ở {district} có {n} ha nhà màng trồng {crop}.",
        "Mô hình nông nghiệp công nghệ cao giúp nông dân {place} tăng thu nhập {n}%.",
    ), "Phát triển nông nghiệp công nghệ cao ở {district}", "Ứng dụng tiến bộ kỹ thuật"),
    ("tiêu chuẩn đo lường chất lượng", (
        "Chi cục Tiêu chuẩn Đo lường Chất lượng kiểm tra {n} cơ sở kinh doanh xăng dầu tại "
        "{district}.",
        "Công tác tiêu chuẩn đo lường chất lượng được tăng cường trong dịp cuối năm {year}.",
    ), "Kiểm tra nhà nước về tiêu chuẩn đo lường chất lượng năm {year}",
     "Tiêu chuẩn - Đo lường - Chất lượng"),
    ("khởi nghiệp", (
        "Cuộc thi khởi nghiệp của tỉnh {place} năm {year} nhận được {n} dự án dự thi.",
        "Nhiều mô hình khởi nghiệp từ sản phẩm {crop} đã có chỗ đứng trên thị trường.",
    ), "Cuộc thi ý tưởng khởi nghiệp tỉnh {place} năm {year}", "Khởi nghiệp - Đổi mới"),
    ("chuỗi giá trị", (
        "Đề tài góp phần hình thành chuỗi giá trị nông sản {crop} của {place}.",
        "Liên kết theo chuỗi giá trị giúp giá bán {crop} tăng {n}%.",
    ), "Xây dựng chuỗi giá trị {crop} bền vững tại {district}", "Hoạt động KH&CN"),
    ("an toàn bức xạ", (
        "Đoàn kiểm tra an toàn bức xạ làm việc với {n} cơ sở y tế có thiết bị X-quang.",
        "Kế hoạch ứng phó sự cố an toàn bức xạ và hạt nhân cấp tỉnh được diễn tập năm {year}.",
    ), "Tăng cường công tác an toàn bức xạ tại các cơ sở y tế", "An toàn bức xạ"),
    ("truy xuất nguồn gốc", (
        "Hệ thống truy xuất nguồn gốc sản phẩm {crop} được triển khai cho {n} cơ sở.",
        "Tem truy xuất nguồn gốc giúp người tiêu dùng yên tâm khi chọn mua sản phẩm.",
    ), "Triển khai truy xuất nguồn gốc cho sản phẩm {crop}", "Tiêu chuẩn - Đo lường - Chất lượng"),
    ("chỉ dẫn địa lý", (
        "Sản phẩm {crop} {district} được cấp văn bằng bảo hộ chỉ dẫn địa lý năm {year}.",
        "Việc quản lý chỉ dẫn địa lý cần sự vào cuộc của chính quyền và người sản xuất.",
    ), "Quản lý và phát triển chỉ dẫn địa lý {crop} {district}", "Sở hữu trí tuệ"),
    ("năng suất chất lượng", (
        "Chương trình năng suất chất lượng hỗ trợ {n} doanh nghiệp áp dụng công cụ cải tiến.",
        "Phong trào năng suất chất lượng lan tỏa tới các doanh nghiệp nhỏ và vừa.",
    ), "Nâng cao năng suất chất lượng sản phẩm, hàng hóa", "Tiêu chuẩn - Đo lường - Chất lượng"),
    ("công nghệ sinh học", (
        "Phòng thí nghiệm công nghệ sinh học của {unit} nhân giống thành công {crop}.",
        "Ứng dụng công nghệ sinh học trong sản xuất phân bón hữu cơ tại {district}.",
    ), "Ứng dụng công nghệ sinh học trong sản xuất {crop}", "Ứng dụng tiến bộ kỹ thuật"),
    ("trí tuệ nhân tạo", (
        "Hội thảo giới thiệu ứng dụng trí tuệ nhân tạo trong quản lý đô thị tại {place}.",
        "Nhóm nghiên cứu của {unit} dùng trí tuệ nhân tạo nhận diện sâu bệnh trên cây {crop}.",
    ), "Trí tuệ nhân tạo hỗ trợ nông dân {district}", "Thông tin KH&CN"),
    ("năng lượng tái tạo", (
        "Dự án năng lượng tái tạo ở {district} có công suất {n} MW.",
        "Các giải pháp năng lượng tái tạo quy mô hộ gia đình được giới thiệu tại hội thảo.",
    ), "Phát triển năng lượng tái tạo ở {place}", "Thông tin KH&CN"),
    ("thủy canh", (
        "Mô hình trồng rau thủy canh tại {district} cho thu nhập ổn định.",
        "Hệ thống thủy canh tuần hoàn giúp tiết kiệm {n}% lượng nước tưới.",
    ), "Trồng rau thủy canh ở {district}", "Ứng dụng tiến bộ kỹ thuật"),
    ("nhãn hiệu tập thể", (
        "Sản phẩm {crop} {district} được cấp giấy chứng nhận nhãn hiệu tập thể.",
        "Hội nông dân {district} là chủ sở hữu nhãn hiệu tập thể {crop}.",
    ), "Trao giấy chứng nhận nhãn hiệu tập thể {crop} {district}", "Sở hữu trí tuệ"),
    ("biến đổi khí hậu", (
        "Đề tài đánh giá tác động của biến đổi khí hậu đến sản xuất {crop} ở {district}.",
        "Giống lúa chịu mặn giúp nông dân thích ứng với biến đổi khí hậu.",
    ), "Thích ứng với biến đổi khí hậu trong sản xuất {crop}", "Hoạt động KH&CN"),
    ("thương mại điện tử", (
        "Hợp tác xã {district} đưa sản phẩm {crop} lên sàn thương mại điện tử.",
        "Doanh thu qua thương mại điện tử của các hộ tham gia tăng {n}%.",
    ), "Đưa nông sản {crop} lên sàn thương mại điện tử", "Thông tin KH&CN"),
    ("kinh tế tuần hoàn", (
        "Mô hình kinh tế tuần hoàn tận dụng phụ phẩm {crop} làm phân bón.",
        "Hội thảo về kinh tế tuần hoàn trong nông nghiệp tổ chức tại {place} năm {year}.",
    ), "Kinh tế tuần hoàn từ phụ phẩm {crop}", "Thông tin KH&CN"),
    ("mã số mã vạch", (
        "Sở hướng dẫn {n} doanh nghiệp đăng ký sử dụng mã số mã vạch cho sản phẩm.",
        "Việc sử dụng mã số mã vạch giúp sản phẩm {crop} vào được siêu thị.",
    ), "Hướng dẫn đăng ký mã số mã vạch cho sản phẩm {crop}",
     "Tiêu chuẩn - Đo lường - Chất lượng"),
    ("an toàn thông tin", (
        "Diễn tập an toàn thông tin mạng cho {n} cán bộ quản trị hệ thống của tỉnh {place}.",
        "Các cơ quan được khuyến cáo tăng cường bảo đảm an toàn thông tin.",
    ), "Diễn tập bảo đảm an toàn thông tin mạng năm {year}", "Thông tin KH&CN"),
    ("nuôi cấy mô", (
        "Phòng nuôi cấy mô của Trung tâm sản xuất {n} nghìn cây giống {crop} mỗi năm.",
        "Kỹ thuật nuôi cấy mô giúp cây giống {crop} sạch bệnh.",
    ), "Nhân giống {crop} bằng kỹ thuật nuôi cấy mô", "Ứng dụng tiến bộ kỹ thuật"),
    ("xử lý nước thải", (
        "Công nghệ xử lý nước thải chăn nuôi được chuyển giao cho {n} trang trại ở {district}.",
        "Hệ thống xử lý nước thải làng nghề đạt quy chuẩn sau khi cải tạo.",
    ), "Chuyển giao công nghệ xử lý nước thải chăn nuôi ở {district}", "Hoạt động KH&CN"),
]  # fmt: skip
TOPIC_SHARE, TOPIC_FALL = 0.10, 0.85  # topic k is carried by about 0.10 / k**0.85 of articles
MENTION_SHARE = 0.15  # of a topic's share: the articles that mention it but are about another
# planted rare words: the sentence carrying it, share of articles
RARE: dict[str, tuple[str, float]] = {
    "cordycepin": ("Nhóm nghiên cứu đã chiết xuất cordycepin từ nấm đông trùng hạ thảo nuôi cấy "
                   "tại {place}.", 0.002),
    "voọc": ("Khu bảo tồn ghi nhận đàn voọc quý hiếm tại huyện {district}.", 0.0005),
}  # fmt: skip

# the sentence news of no topic opens with (meetings, training, inspections, visits)
OPENINGS = (
    "Sáng ngày {day}/{month}, Sở Khoa học và Công nghệ tỉnh {place} tổ chức hội nghị tổng kết "
    "công tác năm {year}.",
    "Ngày {day}/{month}/{year}, đoàn công tác của {unit} đã làm việc với lãnh đạo huyện "
    "{district}.",
    "Hội đồng khoa học cấp tỉnh vừa nghiệm thu đề tài do {unit} chủ trì thực hiện.",
    "Trong hai ngày {day} và {day2}/{month}, Sở tổ chức lớp tập huấn cho {n} học viên.",
    "Đồng chí {person}, Giám đốc Sở, chủ trì buổi làm việc với {unit}.",
    "Theo báo cáo của Sở, năm {year} tỉnh {place} triển khai {n} nhiệm vụ cấp tỉnh.",
    "Vừa qua, {unit} phối hợp với UBND huyện {district} tổ chức hội thảo khoa học.",
)  # fmt: skip
TITLES = (
    "Hội nghị tổng kết công tác năm {year} của Sở tại {place}",
    "Nghiệm thu đề tài cấp tỉnh do {unit} chủ trì",
    "Tập huấn nghiệp vụ cho cán bộ huyện {district}",
    "Đoàn công tác của {unit} làm việc tại {district}",
    "{place} triển khai {n} nhiệm vụ khoa học năm {year}",
    "Hội thảo khoa học về phát triển sản phẩm {crop} ở {district}",
)
# categories of articles of no topic, most common first (Zipf-like), and the share without one
CATEGORIES = ("Tin tức - Sự kiện", "Hoạt động KH&CN", "Tin địa phương", "Thông tin KH&CN",
              "Hoạt động của Sở", "Văn bản - Chính sách", "Tin trong nước", "Thông báo",
              "Hợp tác quốc tế", "Thanh tra")  # fmt: skip
NO_CATEGORY = 0.05
DISTRICTS = (
    "Lý Nhân", "Kim Bảng", "Thanh Liêm", "Đông Anh", "Gia Lâm", "Thủy Nguyên", "An Lão",
    "Tiên Lãng", "Vĩnh Bảo", "Hòa Vang", "Phong Điền", "Cờ Đỏ", "Đức Thọ", "Can Lộc",
    "Đô Lương", "Diễn Châu", "Triệu Phong", "Hải Lăng", "Đơn Dương", "Đức Trọng", "Krông Pắc",
    "Cư M'gar", "Long Thành", "Định Quán", "Châu Đốc", "Tịnh Biên", "Yên Định", "Thọ Xuân",
    "Mộc Châu", "Bảo Lâm", "Sìn Hồ", "Mường Tè", "Bắc Hà", "Sa Pa", "Mù Cang Chải", "Văn Chấn",
    "Đồng Hỷ", "Phú Lương", "Tam Nông", "Thanh Sơn", "Lục Ngạn", "Yên Thế", "Kim Sơn",
    "Nho Quan", "Hải Hậu", "Giao Thủy", "Tiền Hải", "Quỳnh Phụ", "Kim Động", "Văn Giang",
    "Quảng Xương", "Nga Sơn", "Quỳnh Lưu", "Thanh Chương", "Hương Khê", "Kỳ Anh", "Lệ Thủy",
    "Bố Trạch", "Gio Linh", "Hướng Hóa", "A Lưới", "Phú Vang", "Điện Bàn", "Tiên Phước",
    "Bình Sơn", "Ba Tơ", "Hoài Nhơn", "Phù Cát", "Tuy An", "Sông Hinh", "Cam Lâm", "Vạn Ninh",
    "Ea Kar", "Buôn Đôn", "Chư Sê", "Đak Đoa", "Bảo Lộc", "Di Linh", "Hàm Thuận Bắc",
    "Tuy Phong", "Tân Uyên", "Dầu Tiếng", "Châu Thành", "Cái Bè", "Chợ Gạo", "Mỏ Cày",
    "Giồng Trôm", "Cầu Kè", "Trà Cú", "Long Phú", "Vị Thủy", "Thới Bình", "U Minh",
    "Phú Quốc", "Hòn Đất", "Tri Tôn", "Tân Châu", "Cần Giuộc", "Đức Hòa", "Gò Dầu",
)  # fmt: skip
CROPS = ("lúa", "chè", "cà phê", "hồ tiêu", "bưởi", "cam", "vải thiều", "nhãn", "sâm",
         "nấm", "rau an toàn", "thanh long", "điều", "mía", "sầu riêng", "xoài", "chuối",
         "gạo", "mật ong", "quế", "hồi", "na", "măng cụt", "dưa lưới", "cá tra", "tôm")  # fmt: skip
UNITS = ("Viện Khoa học Nông nghiệp Việt Nam", "Trường Đại học Bách khoa",
         "Trung tâm Ứng dụng tiến bộ KH&CN", "Học viện Nông nghiệp Việt Nam",
         "Viện Di truyền Nông nghiệp", "Trường Đại học Nông Lâm", "Chi cục Quản lý chất "
         "lượng nông lâm thủy sản", "Công ty cổ phần Đầu tư và Phát triển công nghệ",
         "Viện Hóa học",
         "Trường Đại học Cần Thơ", "Trung tâm Thông tin và Thống kê KH&CN", "Viện Cơ điện nông "
         "nghiệp và Công nghệ sau thu hoạch", "Trường Đại học Vinh", "Viện Địa lý",
         "Hội Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh")  # fmt: skip
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Phan", "Võ", "Huỳnh", "Trương", "Đinh", "Lương", "Mai")  # fmt: skip
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Hữu", "Ngọc", "Thanh", "Xuân",
          "Hồng", "Công", "Kim")  # fmt: skip
GIVEN = ("An", "Bình", "Châu", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa",
         "Hùng", "Lan", "Linh", "Long", "Mai", "Nam", "Phương", "Quân", "Thảo", "Trang", "Tuấn",
         "Vân", "Yến", "Đông", "Khoa", "Sơn", "Thắng", "Tâm", "Nga", "Huy", "Phúc", "Tùng",
         "Hậu", "Loan", "Oanh")  # fmt: skip
CAPTIONS = ("Quang cảnh hội nghị", "Đại biểu tham quan mô hình", "Lãnh đạo Sở phát biểu tại buổi "
            "làm việc", "Các học viên tham gia lớp tập huấn", "Sản phẩm được trưng bày tại hội "
            "chợ", "Đoàn kiểm tra làm việc tại cơ sở")  # fmt: skip
