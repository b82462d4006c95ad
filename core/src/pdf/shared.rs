//! Copies that share their content (contract-print): a document laid out as N content pages
//! followed by copies × N pages of marks only (label, copy number, header, footer) becomes
//! copies × N pages, each drawing its content page as a form XObject stored once.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

pub(super) fn share_content(doc: &mut Document, count: usize) -> lopdf::Result<()> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if count == 0 || pages.len() <= count {
        return Ok(());
    }
    // Each content page becomes a form XObject with the page's resources (fonts, images).
    let mut forms = Vec::with_capacity(count);
    for &page_id in &pages[..count] {
        let content = doc.get_page_content(page_id);
        let page = doc.get_dictionary(page_id)?;
        let bbox = page.get(b"MediaBox")?.clone();
        let resources = page.get(b"Resources")?.clone();
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Form".to_vec()));
        dict.set("BBox", bbox);
        dict.set("Resources", resources);
        forms.push(doc.add_object(Stream::new(dict, content)));
    }
    // Every copy's page draws its content page first, then its own marks.
    for (n, &page_id) in pages[count..].iter().enumerate() {
        let index = n % count;
        let name = format!("SharedPage{index}");
        let marks = doc.get_page_content(page_id);
        let mut content = format!("q /{name} Do Q\n").into_bytes();
        content.extend(marks);
        doc.change_page_content(page_id, content)?;
        // A resources dictionary of its own, naming the shared XObject beside the page's others.
        let page = doc.get_dictionary(page_id)?;
        let mut resources = match page.get(b"Resources")? {
            Object::Reference(id) => doc.get_dictionary(*id)?.clone(),
            Object::Dictionary(d) => d.clone(),
            _ => Dictionary::new(),
        };
        let mut xobjects = match resources.get(b"XObject") {
            Ok(Object::Reference(id)) => doc.get_dictionary(*id)?.clone(),
            Ok(Object::Dictionary(d)) => d.clone(),
            _ => Dictionary::new(),
        };
        xobjects.set(name, Object::Reference(forms[index]));
        resources.set("XObject", Object::Dictionary(xobjects));
        let resources_id = doc.add_object(resources);
        doc.get_dictionary_mut(page_id)?.set("Resources", Object::Reference(resources_id));
    }
    // Drop the content pages from the page tree (printpdf writes one flat Pages node).
    let tree_id = doc.catalog()?.get(b"Pages")?.as_reference()?;
    let kids: Vec<Object> = pages[count..].iter().map(|id| Object::Reference(*id)).collect();
    let tree = doc.get_dictionary_mut(tree_id)?;
    tree.set("Count", Object::Integer(kids.len() as i64));
    tree.set("Kids", Object::Array(kids));
    doc.prune_objects();
    Ok(())
}
