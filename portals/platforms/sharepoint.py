"""SharePoint sites (dost-dongnai, skhcn.hanam, quangninh.gov.vn/Trang, binhduong.gov.vn/Lists):
``/Pages/*.aspx`` and ``/Lists/<List>/ChiTiet.aspx?ID=``; news web parts in UpdatePanels."""

from portals.platforms import Platform
from portals.platforms.aspnet import postback
from portals.registry import Selectors

PLATFORM = Platform(
    name="sharepoint",
    label="Microsoft SharePoint",
    pager="postback",
    paginate=postback,
    selectors=Selectors(
        # a list item's display form (DispForm.aspx): label cells beside value cells
        date='.ms-formlabel:contains("Ngày đăng") + .ms-formbody, '
        '.ms-formlabel:contains("Ngày xuất bản") + .ms-formbody',
        author='.ms-formlabel:contains("Tác giả") + .ms-formbody',
        body=".ms-rtestate-field",
        drop=(
            ".ms-hide",
            ".s4-notdlg",
            ".ms-webpart-titleText",
            # a display form's labels, its short fields (their values are read above), its
            # attachments and "Đã tạo lúc … bởi …" toolbar; its rich-text fields stay
            ".ms-formlabel",
            "#SPFieldText",
            "#SPFieldLookup",
            "#SPFieldDateTime",
            "#SPFieldNumber",
            "#SPFieldUser",
            "#idAttachmentsRow",
            ".ms-formtoolbar",
        ),
    ),
    marks=(
        r"Skip Ribbon Commands",
        r"_spPageContextInfo",
        r"/_layouts/",
        r'content="Microsoft SharePoint',
    ),
)
